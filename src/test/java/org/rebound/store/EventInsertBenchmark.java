package org.rebound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.rebound.bench.Latencies;

/**
 * What writing a window in one transaction saves over camel-sql's one statement per exchange: 10,000 bounce events
 * into the real bounce_event table (Flyway's schema, in schema event_insert_bench) on PostgreSQL, through the
 * server's pool ({@link Database#open}), three ways. A: the store's own statement ({@link BounceStore#INSERT_EVENT})
 * as a JDBC batch, one transaction per window of 500, as {@link BounceStore} writes it; B: the same statement
 * through a camel-sql endpoint, one exchange per event, each committed on its own, as a route that sends each event
 * to {@code sql:} would; C: camel-sql with {@code batch=true}, one exchange per window of 500 (one table only: the
 * window's other tables would be other exchanges, other transactions). After a warm-up round, A, B and C alternate
 * and the medians (nearest rank) are printed, since the machine's CPU is shared. Prints its figures; asserts nothing.
 *
 * <p>Run: {@code mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt && java -cp
 * target/test-classes:target/classes:$(cat /tmp/cp.txt) org.rebound.store.EventInsertBenchmark [ROUNDS]}
 */
public final class EventInsertBenchmark {

    private static final String SCHEMA = "event_insert_bench";
    private static final int EVENTS = 10_000;
    private static final int WINDOW = 500;
    /** camel-sql's placeholder is '#' (its option usePlaceholder); the values come from the body, in order. */
    private static final String CAMEL_SQL = "sql:" + BounceStore.INSERT_EVENT.replace('?', '#')
            + "?dataSource=#dataSource";

    private static final List<String> NAMES = List.of("A batched JDBC, a transaction per " + WINDOW,
            "B camel-sql, an exchange per event", "C camel-sql batch=true, an exchange per " + WINDOW);

    /** One way of writing the events. */
    private interface Writer {
        void write(List<List<Object>> events) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String base = System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        try (Connection c = java.sql.DriverManager.getConnection(base, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        try (HikariDataSource postgres = Database.open(base + "?currentSchema=" + SCHEMA, "postgres", "", 2,
                Duration.ofSeconds(10)); DefaultCamelContext camel = new DefaultCamelContext()) {
            Database.migrate(postgres);
            camel.getRegistry().bind("dataSource", postgres);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            List<List<Object>> events = events();
            Writer batched = rows -> batched(postgres, rows);
            Writer perExchange = rows -> rows.forEach(row -> template.requestBody(CAMEL_SQL, row));
            Writer camelBatch = rows -> {
                for (int from = 0; from < rows.size(); from += WINDOW) {
                    template.requestBody(CAMEL_SQL + "&batch=true", rows.subList(from, from + WINDOW));
                }
            };
            List<Writer> writers = List.of(batched, perExchange, camelBatch);
            List<Latencies> times = List.of(new Latencies(), new Latencies(), new Latencies());
            for (Writer writer : writers) {
                time(postgres, events, writer);
            }
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (int w = 0; w < writers.size(); w++) {
                    long nanos = time(postgres, events, writers.get(w));
                    times.get(w).add(nanos);
                    line.append(String.format(" %s %.3f s;", NAMES.get(w), nanos / 1e9));
                }
                System.out.println(line);
            }
            System.out.printf("median of %d rounds, %d events:%n", rounds, EVENTS);
            for (int w = 0; w < writers.size(); w++) {
                double seconds = times.get(w).percentile(50).toNanos() / 1e9;
                System.out.printf("  %s: %.3f s (%.0f events/s)%n", NAMES.get(w), seconds, EVENTS / seconds);
            }
        }
    }

    /** Nanoseconds to write the events into an empty table. */
    private static long time(DataSource postgres, List<List<Object>> events, Writer writer) throws Exception {
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE bounce_event");
        }
        long start = System.nanoTime();
        writer.write(events);
        return System.nanoTime() - start;
    }

    private static void batched(DataSource postgres, List<List<Object>> events) throws SQLException {
        try (Connection c = postgres.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < events.size(); from += WINDOW) {
                try (PreparedStatement s = c.prepareStatement(BounceStore.INSERT_EVENT)) {
                    for (List<Object> row : events.subList(from, from + WINDOW)) {
                        for (int i = 0; i < row.size(); i++) {
                            s.setObject(i + 1, row.get(i));
                        }
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            }
        }
    }

    /** The events' column values, in the statement's order, with sizes like a real bounce's. */
    private static List<List<Object>> events() {
        Instant received = Instant.parse("2026-03-10T12:00:00Z");
        List<List<Object>> events = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            String recipient = "r" + n + "@example.net";
            events.add(List.of(UUID.randomUUID().toString(), "%064x".formatted(n), recipient, recipient, "failed",
                    "5.1.1", "550",
                    "smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in virtual "
                            + "mailbox table", "mx.example.net", "mail.sender.example", "DSN", "", "userunknown",
                    "hard", "recipient", "ADDRESS", "postfix-user-unknown", "m" + n + "@sender.example",
                    "message-id", "m" + n + "@sender.example", "campaign-1", received.atOffset(ZoneOffset.UTC),
                    "proven", "other"));
        }
        return events;
    }

}

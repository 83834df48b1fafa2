package org.rebound.correlate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;

/**
 * How long correlation takes and how many queries it costs for the mission's figure: 100,000 messages sent,
 * 10,000 bounces to drain, correlated in batches of 500 against PostgreSQL through a HikariCP pool, as the server runs (schema correlate_bench, indexed as a
 * sending system would index it). The bounces mix their evidence: 70 % quote the Message-ID, 10 % only the ENVID,
 * 10 % only a VERP token, 10 % nothing but the recipient. Prints its figures; asserts nothing.
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt && java -cp
 * target/test-classes:target/classes:$(cat /tmp/cp.txt) org.rebound.correlate.CorrelationBenchmark}
 */
public final class CorrelationBenchmark {

    static final int SENT = 100_000;
    static final int BOUNCES = 10_000;
    static final int BATCH = 500;
    /** The bench's sent-message table: the default column names in schema correlate_bench. */
    static final SentMessageTable TABLE = SentMessageTable.fromProperties(Map.of(
            SentMessageTable.TABLE, "correlate_bench.sent_message"));

    public static void main(String[] args) throws SQLException {
        try (HikariDataSource postgres = pool()) {
            run(postgres);
        }
    }

    /** A HikariCP pool on the machine's PostgreSQL, as the server has on its database. */
    static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(System.getProperty("rebound.test.postgres.user", "postgres"));
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static void run(DataSource postgres) throws SQLException {
        fill(postgres);
        List<PendingEvent> events = events();
        CountingDataSource counting = new CountingDataSource(postgres);
        Correlator correlator = new Correlator(CorrelationSettings.DEFAULTS,
                new SentMessageLookup(counting, TABLE, CorrelationSettings.DEFAULTS.recipientTimeWindow()));

        for (int pass = 1; pass <= 3; pass++) {
            counting.reset();
            long matched = 0;
            long start = System.nanoTime();
            for (int from = 0; from < BOUNCES; from += BATCH) {
                matched += correlator.correlate(events.subList(from, from + BATCH)).stream()
                        .filter(c -> c.sentMessage().isPresent()).count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d: %d bounces in batches of %d against %d sent: matched %d, %d queries "
                            + "(%.2f per 100 bounces), %.3f s, %.0f bounces/s%n", pass, BOUNCES, BATCH, SENT, matched,
                    counting.statementsExecuted(), counting.statementsExecuted() * 100.0 / BOUNCES, seconds,
                    BOUNCES / seconds);
        }
    }

    /**
     * The bounces, {@value #BOUNCES} of them: 70 % quote the Message-ID, 10 % only the ENVID, 10 % only a VERP
     * token, 10 % nothing but the recipient.
     */
    static List<PendingEvent> events() {
        List<PendingEvent> events = new ArrayList<>();
        for (int i = 0; i < BOUNCES; i++) {
            int n = i * (SENT / BOUNCES);
            String recipient = "r" + n + "@example.net";
            events.add(switch (i % 10) {
                case 7 -> Reports.event(Kind.DSN, "env-" + n, "", OriginalMessage.UNKNOWN, "", recipient);
                case 8 -> Reports.event(Kind.NON_STANDARD_BOUNCE, "", "bounces+v" + n + "@bounce.sender.example",
                        OriginalMessage.UNKNOWN, "", recipient);
                case 9 -> Reports.bare(recipient);
                default -> Reports.withMessageId("m" + n + "@sender.example", recipient);
            });
        }
        return events;
    }

    /** Creates schema correlate_bench with {@value #SENT} sent messages, sent six hours before the bounces. */
    static void fill(DataSource postgres) throws SQLException {
        Instant sentAt = Reports.RECEIVED.minus(Duration.ofHours(6));
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS correlate_bench CASCADE");
            s.execute("CREATE SCHEMA correlate_bench");
            s.execute("CREATE TABLE correlate_bench.sent_message (message_id VARCHAR(255), recipient VARCHAR(320), "
                    + "delivery_id VARCHAR(64), sent_at TIMESTAMP WITH TIME ZONE, envelope_id VARCHAR(100), "
                    + "verp_token VARCHAR(100))");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO correlate_bench.sent_message "
                    + "VALUES (?, ?, 'campaign-1', ?, ?, ?)")) {
                for (int n = 0; n < SENT; n++) {
                    insert.setString(1, "m" + n + "@sender.example");
                    insert.setString(2, "r" + n + "@example.net");
                    insert.setTimestamp(3, Timestamp.from(sentAt));
                    insert.setString(4, "env-" + n);
                    insert.setString(5, "v" + n);
                    insert.addBatch();
                    if (n % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
            }
            for (String column : List.of("message_id", "envelope_id", "verp_token", "recipient, sent_at",
                    "delivery_id, recipient")) {
                s.execute("CREATE INDEX ON correlate_bench.sent_message (" + column + ")");
            }
            s.execute("ANALYZE correlate_bench.sent_message");
            c.commit();
        }
    }
}

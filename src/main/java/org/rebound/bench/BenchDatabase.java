package org.rebound.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.rebound.bench.BounceGenerator.SentRow;
import org.rebound.store.Database;

/**
 * The database a benchmark or crash test runs Rebound against: a fresh H2 file or a fresh PostgreSQL schema,
 * migrated by Rebound's own Flyway migrations, filled with the sending system's log, and read back afterwards.
 * Open it only while Rebound is not running on an H2 file (H2 locks its file).
 *
 * @param url      the JDBC URL Rebound is given
 * @param user     its user
 * @param password its password
 */
public record BenchDatabase(String name, String url, String user, String password) {

    /**
     * A fresh H2 database file in this folder (deleted first), with the options of Rebound's default URL
     * (application.properties): WRITE_DELAY=0 makes each commit reach the file before the mailbox deletes.
     */
    public static BenchDatabase h2(Path dir) throws IOException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        return new BenchDatabase("h2", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("rebound")
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "sa", "");
    }

    /** A fresh schema (dropped and created) on a PostgreSQL server, given as a URL without parameters. */
    public static BenchDatabase postgres(String serverUrl, String user, String password, String schema)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return new BenchDatabase("postgres", serverUrl + "?currentSchema=" + schema, user, password);
    }

    /** The settings that point Rebound at this database. */
    public Map<String, String> settings() {
        return Map.of("rebound.db.url", url, "rebound.db.user", user, "rebound.db.password", password);
    }

    /** A pool on the database, its schema migrated as Rebound would at start. */
    public HikariDataSource open() {
        HikariDataSource pool = Database.open(url, user, password, 2, Duration.ofSeconds(5));
        Database.migrate(pool);
        return pool;
    }

    /** Writes the sending system's log in batches. */
    public static final class SentLog implements AutoCloseable {
        private static final int BATCH = 1_000;
        private final Connection connection;
        private final PreparedStatement insert;
        private final OffsetDateTime sentAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        private int pending;
        private int written;

        public SentLog(HikariDataSource pool) throws SQLException {
            connection = pool.getConnection();
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(
                    "INSERT INTO sent_message (message_id, recipient, delivery_id, sent_at) VALUES (?, ?, ?, ?)");
        }

        public void add(SentRow row) throws SQLException {
            insert.setString(1, row.messageId());
            insert.setString(2, row.recipient());
            insert.setString(3, row.deliveryId());
            insert.setObject(4, sentAt);
            insert.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        }

        public int written() {
            return written;
        }

        private void flush() throws SQLException {
            insert.executeBatch();
            connection.commit();
            written += pending;
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            if (insert.isClosed()) {
                return;
            }
            try {
                flush();
                // A sending system's table has statistics (autovacuum analyzes it): without them, PostgreSQL
                // plans the correlation lookups as scans of the whole freshly loaded table.
                try (var analyze = connection.createStatement()) {
                    analyze.execute(connection.getMetaData().getDatabaseProductName().equals("H2")
                            ? "ANALYZE TABLE sent_message" : "ANALYZE sent_message");
                }
                connection.commit();
            } finally {
                insert.close();
                connection.close();
            }
        }
    }

    /** What Rebound stored, read back after a run. */
    public record Stored(Map<String, Integer> eventsPerKey, List<String> eventIds, int duplicateEventIds,
                         int unsentOutbox, int outboxRows, Map<String, Integer> outcomes) {

        /** The key of a recipient result: the original Message-ID and the final recipient. */
        public static String key(String originalMessageId, String recipient) {
            return originalMessageId + "\t" + recipient;
        }
    }

    public static Stored read(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            Map<String, Integer> perKey = new HashMap<>();
            try (ResultSet rows = s.executeQuery("SELECT original_message_id, recipient, COUNT(*) FROM bounce_event "
                    + "GROUP BY original_message_id, recipient")) {
                while (rows.next()) {
                    perKey.put(Stored.key(rows.getString(1), rows.getString(2)), rows.getInt(3));
                }
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT event_id FROM bounce_event")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            int duplicates = ids.size() - (int) ids.stream().distinct().count();
            int unsent = single(s, "SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
            int outbox = single(s, "SELECT COUNT(*) FROM outbox_event");
            Map<String, Integer> outcomes = new HashMap<>();
            try (ResultSet rows = s.executeQuery("SELECT outcome, COUNT(*) FROM received_message GROUP BY outcome")) {
                while (rows.next()) {
                    outcomes.put(rows.getString(1), rows.getInt(2));
                }
            }
            return new Stored(perKey, ids, duplicates, unsent, outbox, outcomes);
        }
    }

    /** Per recorded message: received_at (the commit) minus fetched_at (the download). */
    public static Latencies fetchToCommit(HikariDataSource pool) throws SQLException {
        Latencies latencies = new Latencies();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(
                     "SELECT fetched_at, received_at FROM received_message WHERE fetched_at IS NOT NULL")) {
            while (rows.next()) {
                OffsetDateTime fetched = rows.getObject(1, OffsetDateTime.class);
                OffsetDateTime committed = rows.getObject(2, OffsetDateTime.class);
                latencies.add(Duration.between(fetched, committed).toNanos());
            }
        }
        return latencies;
    }

    /**
     * How long the last {@code count} messages took to commit, from the commit before them to the last one: the
     * rate of a Rebound that is already running, past its start-up and its JIT's warm-up. Empty when fewer than
     * {@code count + 1} messages were recorded.
     */
    public static Optional<Duration> lastCommits(HikariDataSource pool, int count) throws SQLException {
        List<OffsetDateTime> commits = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT received_at FROM received_message ORDER BY received_at DESC "
                     + "FETCH FIRST " + (count + 1) + " ROWS ONLY")) {
            while (rows.next()) {
                commits.add(rows.getObject(1, OffsetDateTime.class));
            }
        }
        if (commits.size() <= count) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(commits.get(count), commits.get(0)));
    }

    /** How many events are stored so far, or empty when the database cannot be read now. */
    public static Optional<Integer> storedEvents(HikariDataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            return Optional.of(single(s, "SELECT COUNT(*) FROM bounce_event"));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

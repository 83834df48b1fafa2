package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The correlation contract on the machine's PostgreSQL (127.0.0.1:5432, database test, user postgres, trust
 * authentication), in a schema of its own that each test drops and recreates. Set the system property
 * {@code rebound.test.postgres.url} to use another server.
 */
class PostgresCorrelatorIT extends CorrelatorContract {

    private static final DataSource POSTGRES = postgres();

    @Override
    DataSource database() {
        return POSTGRES;
    }

    /**
     * A window's 500 Message-IDs (1,000 values, bare and bracketed) in a sending log of 100,000 analyzed rows: the
     * lookup probes the index for each key and scans no row of the table, which an {@code IN} list of that length did.
     * The lookup runs in a transaction of the test's, whose own statistics (pg_stat_xact_user_tables) count its scans.
     */
    @Test
    void aWindowOfMessageIdsIsLookedUpThroughTheIndexOfALargeTable() throws SQLException {
        SentMessageTable table = new SentMessageTable("correlate_test.large_log", "msg_id", "rcpt", "campaign",
                "sent", "", "", "");
        try (Connection c = POSTGRES.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table.table() + " (msg_id VARCHAR(255), rcpt VARCHAR(320) NOT NULL, "
                    + "campaign VARCHAR(64), sent TIMESTAMP WITH TIME ZONE)");
            s.execute("INSERT INTO " + table.table() + " SELECT 'm' || i || '@sender.example', 'r' || i "
                    + "|| '@example.net', 'c' || (i % 10), now() FROM generate_series(1, 100000) AS i");
            s.execute("CREATE INDEX large_log_msg_id ON " + table.table() + " (msg_id)");
            s.execute("ANALYZE " + table.table());
        }
        List<CorrelationKey> keys = IntStream.range(0, 500).map(i -> i * 197 + 1)
                .mapToObj(i -> (CorrelationKey) new CorrelationKey.OriginalMessageId("m" + i + "@sender.example"))
                .toList();
        try (Connection transaction = POSTGRES.getConnection()) {
            transaction.setAutoCommit(false);

            int found = new SentMessageLookup(kept(transaction), table, Duration.ofDays(7)).resolve(keys).size();

            assertEquals(List.of(500, 0L, true), List.of(found, scans(transaction, "seq_scan"),
                    scans(transaction, "idx_scan") > 0));
        }
    }

    /** What the transaction has scanned of the large table so far. */
    private static long scans(Connection transaction, String column) throws SQLException {
        try (Statement s = transaction.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(" + column + ", 0) FROM pg_stat_xact_user_tables "
                     + "WHERE schemaname = 'correlate_test' AND relname = 'large_log'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** A DataSource that lends this one connection and ignores its close, so the caller's transaction goes on. */
    private static DataSource kept(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DataSource postgres() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        dataSource.setUser(System.getProperty("rebound.test.postgres.user", "postgres"));
        return dataSource;
    }
}

package org.rebound.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * KeyProbe on H2 and on the PostgreSQL this machine runs (127.0.0.1:5432, database test): it finds the keys that
 * have a row, and on PostgreSQL it probes the index even in a large table that has never been analyzed, which is
 * what an IN list of the same keys does not do.
 */
class KeyProbeIT {

    private static final int ROWS = 20_000;

    @Test
    void findsTheValueOfEachKeyWithARowOnH2() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:probe-" + UUID.randomUUID(), "sa", "")) {
            assertFindsOnlyStoredKeys(c);
        }
    }

    @Test
    void findsTheValueOfEachKeyWithARowOnPostgres() throws SQLException {
        try (Connection c = postgres()) {
            assertFindsOnlyStoredKeys(c);
        }
    }

    @Test
    void probesTheIndexOfATableWithoutStatisticsOnPostgres() throws SQLException {
        try (Connection c = postgres()) {
            fill(c, ROWS);
            List<String> keys = IntStream.range(0, 650).mapToObj(i -> "key-" + (i * 31)).toList();
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET plan_cache_mode = " + mode);
                }
                String plan = explain(c, KeyProbe.sql("probe", "k", "v"), keys);
                assertTrue(plan.contains("Index Scan using probe_k"), mode + ": " + plan);
                assertFalse(plan.contains("Seq Scan on probe"), mode + ": " + plan);
            }
        }
    }

    private static void assertFindsOnlyStoredKeys(Connection c) throws SQLException {
        fill(c, 100);
        Map<String, String> found = KeyProbe.find(c, "probe", "k", "v", List.of("key-3", "absent", "key-99"));
        assertEquals(Map.of("key-3", "value-3", "key-99", "value-99"), found);
    }

    private static Connection postgres() throws SQLException {
        String schema = "key_probe_it";
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path = " + schema);
        }
        return c;
    }

    private static void fill(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (k VARCHAR(40) NOT NULL, v VARCHAR(40) NOT NULL)");
            s.execute("CREATE UNIQUE INDEX probe_k ON probe (k)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO probe (k, v) VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setString(1, "key-" + i);
                insert.setString(2, "value-" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String explain(Connection c, String sql, List<String> keys) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            s.setArray(1, c.createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }
}

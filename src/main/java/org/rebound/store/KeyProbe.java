package org.rebound.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Looks up a window's worth of unique keys with one index probe per key, however little the database's planner
 * knows of the table, so that the cost of a lookup follows the number of keys and not the size of the table.
 *
 * <p>Why not {@code WHERE key IN (?, ?, ...)}: PostgreSQL plans such a list from the table's statistics, and
 * Rebound's tables grow from empty faster than autovacuum analyzes them. A prepared statement that is run
 * often gets a generic plan, made while the table looked small: a sequential scan comparing every row with every
 * key. At 40,000 stored events, the window's check for events already stored took 0.7 s of its 1 s. Here each key
 * is looked up by a scalar subquery ({@code SELECT v FROM t WHERE key = k}), which is planned on its own and takes
 * the unique index whatever the statistics say. The keys go as one array parameter ({@code UNNEST}, SQL:2003),
 * which H2 and PostgreSQL both read.
 */
final class KeyProbe {

    private KeyProbe() {
    }

    /**
     * The value of {@code valueColumn} in the row of each key that has one; keys with no row are absent.
     *
     * @param keyColumn a column with a unique index; the key column and the value column must not be null
     */
    static Map<String, String> find(Connection c, String table, String keyColumn, String valueColumn,
                                    Collection<String> keys) throws SQLException {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Array array = c.createArrayOf("VARCHAR", keys.toArray());
        try (PreparedStatement s = c.prepareStatement(sql(table, keyColumn, valueColumn))) {
            s.setArray(1, array);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String value = rows.getString(2);
                    if (value != null) {
                        found.put(rows.getString(1), value);
                    }
                }
            }
        } finally {
            array.free();
        }
        return found;
    }

    /** The lookup: one parameter, the array of keys. */
    static String sql(String table, String keyColumn, String valueColumn) {
        return "SELECT k.probe_key, (SELECT t." + valueColumn + " FROM " + table + " t WHERE t." + keyColumn
                + " = k.probe_key) FROM UNNEST(?) AS k(probe_key)";
    }
}

package org.rebound.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.rebound.correlate.SentMessageTable;

/**
 * Looks at start at what the settings name outside Rebound: the database answers, and the sending system's table
 * has every configured column. A wrong name otherwise fails only the first window that needs it, and every window
 * after it, far from the setting that is wrong; here it stops start-up with a message that names the setting.
 */
final class StartupProbe {

    /** A password given in a JDBC URL, which must not reach the log. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private StartupProbe() {
    }

    /** The one line for a database that cannot be reached at start (a wrong host or port, a server down). */
    static SettingsException unreachableDatabase(String url, RuntimeException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return new SettingsException("rebound.db.url", "a database that accepts a connection",
                URL_PASSWORD.matcher(url).replaceAll("$1***") + ", which does not (" + firstLine(cause) + ")");
    }

    /**
     * Requires the table and every configured column, and the status columns when the status is updated.
     *
     * @throws SettingsException naming the setting whose table or column is missing
     */
    static void requireSentMessageTable(DataSource database, SentMessageTable table, boolean updateStatus) {
        List<String> columns = columnsOf(database, table.table());
        TreeSet<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        present.addAll(columns);
        // Names are plain SQL identifiers (SqlIdentifier), which no database tells apart by case when unquoted.
        for (Map.Entry<String, String> column : table.columnsBySetting().entrySet()) {
            if (!present.contains(column.getValue())) {
                throw new SettingsException(column.getKey(), "a column of " + table.table() + ", whose columns are "
                        + String.join(", ", columns), "'" + column.getValue() + "'");
            }
        }
        if (updateStatus) {
            List<String> missing = SentMessageTable.STATUS_COLUMNS.stream().filter(c -> !present.contains(c))
                    .toList();
            if (!missing.isEmpty()) {
                throw new SettingsException(SentMessageTable.UPDATE_STATUS, "false, or a table with the columns "
                        + String.join(", ", SentMessageTable.STATUS_COLUMNS) + " that it writes", "true while "
                        + table.table() + " has no " + String.join(", ", missing));
            }
        }
    }

    /** The table's column names, read from an empty result: one query, which reads no row. */
    private static List<String> columnsOf(DataSource database, String table) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet empty = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return columns;
        } catch (SQLException e) {
            throw new SettingsException(SentMessageTable.TABLE, "a table that the database user can read",
                    "'" + table + "' (" + firstLine(e) + ")");
        }
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }
}

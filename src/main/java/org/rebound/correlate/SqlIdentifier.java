package org.rebound.correlate;

import java.util.regex.Pattern;

/**
 * Checks table and column names that come from configuration before they are written into SQL, where no bind
 * parameter can stand for them: only letters, digits and underscores, not starting with a digit, and for a table
 * an optional schema prefix. Anything else (quotes, spaces, semicolons, comments) is refused, which closes the door
 * to SQL injection through configuration. Names are used unquoted, so each database folds their case as usual.
 */
final class SqlIdentifier {

    private static final String PART = "[A-Za-z_][A-Za-z0-9_]{0,62}";
    private static final Pattern COLUMN = Pattern.compile(PART);
    private static final Pattern TABLE = Pattern.compile(PART + "(\\." + PART + ")?");

    private SqlIdentifier() {
    }

    /** A table name, optionally schema-qualified; a bad one is an IllegalArgumentException naming the setting. */
    static String table(String setting, String name) {
        return checked(setting, name, TABLE, "a table name (letters, digits, '_', optional schema prefix)");
    }

    /** A column name; a bad one is an IllegalArgumentException naming the setting. */
    static String column(String setting, String name) {
        return checked(setting, name, COLUMN, "a column name (letters, digits, '_')");
    }

    /** A column name or empty, for a column the table may not have. */
    static String optionalColumn(String setting, String name) {
        return name.isEmpty() ? name : column(setting, name);
    }

    private static String checked(String setting, String name, Pattern pattern, String what) {
        if (name == null || !pattern.matcher(name).matches()) {
            throw new IllegalArgumentException(setting + " must be " + what + ", not '" + name + "'");
        }
        return name;
    }
}

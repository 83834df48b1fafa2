package org.rebound.correlate;

import java.sql.Types;
import java.util.regex.Pattern;

/**
 * A key column of the sending system's table as the database describes it: the type its key arrays are made of,
 * and which keys it can hold at all. A key comes from returned mail, which anyone can write: an envelope id that is
 * not a number, looked up in a number column, names no row, and PostgreSQL refuses the whole lookup for it ("invalid
 * input syntax for type bigint") rather than finding nothing, which failed the lookup of the key's whole window.
 * Such keys are left out of the query; they match nothing, as they would in a text column.
 *
 * @param typeName the database's name of the type (PostgreSQL: varchar, int8, uuid, ...)
 * @param sqlType  its java.sql.Types code
 */
record KeyColumn(String typeName, int sqlType) {

    /** A decimal number as PostgreSQL's numeric input reads it, without an exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** A UUID in the hexadecimal form PostgreSQL's uuid input reads, with or without the hyphens (RFC 9562). */
    private static final Pattern UUID = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    /** Far more digits than an id has, and far fewer than a numeric column takes (131,072 before the point). */
    private static final int LONGEST_DECIMAL = 1000;

    /** Whether a value of this column can equal the key; true for every key of a text column. */
    boolean canHold(String key) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT -> within(key, Short.MIN_VALUE, Short.MAX_VALUE);
            case Types.INTEGER -> within(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case Types.BIGINT -> within(key, Long.MIN_VALUE, Long.MAX_VALUE);
            case Types.NUMERIC, Types.DECIMAL -> key.length() <= LONGEST_DECIMAL && DECIMAL.matcher(key).matches();
            default -> !typeName.equalsIgnoreCase("uuid") || UUID.matcher(key).matches();
        };
    }

    private static boolean within(String key, long min, long max) {
        try {
            long n = Long.parseLong(key);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

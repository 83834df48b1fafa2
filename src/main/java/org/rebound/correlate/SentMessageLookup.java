package org.rebound.correlate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Finds sent messages by correlation key in the sending system's table, many keys at once: one query per key type
 * for each chunk of distinct keys, never one query per bounce. Plain JDBC over any DataSource; every value is a
 * bind parameter, and the table's names were checked when it was configured.
 *
 * <p>A Message-ID, envelope id or VERP token is looked up by joining the chunk's values, sent as one array
 * parameter ({@code UNNEST}, SQL:2003, which H2 and PostgreSQL both read), to the table: {@code FROM UNNEST(?) k JOIN
 * table t ON t.message_id = k.probe_key}. PostgreSQL probes the column's index once per key, so that a lookup costs
 * what its keys cost whatever the table's size. With {@code WHERE message_id IN (?, ?, ...)} it planned a chunk of
 * 500 Message-IDs (1,000 values: each looked up with and without angle brackets) as a sequential scan of the whole
 * table: 48 ms against 12 ms for the index on the benchmark's 103,000 sent messages, once per window, and each list
 * length was a new statement to parse and plan (issue 14, bench/README). The array takes the column's own type,
 * read once from the database, so that a numeric envelope-id column compares as numbers and keeps its index; a key
 * such a column cannot hold is left out (KeyColumn).
 * A custom header and a recipient-and-time key, which ask for two columns, still use {@code IN} lists.
 */
public final class SentMessageLookup {

    /**
     * Keys per query: well under every driver's bind-parameter limit (PostgreSQL: 32,767), even with a Message-ID
     * looked up in two forms.
     */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    /** Most recent first, rows without a time last, so that a choice among several rows is the latest send. */
    private static final Comparator<SentMessage> LATEST_FIRST = Comparator.comparing(
            (SentMessage m) -> m.sentAt().orElse(Instant.MIN)).reversed();

    private final DataSource dataSource;
    private final SentMessageTable table;
    private final Duration recipientTimeWindow;
    private final int chunkSize;
    /** The columns a row is read from, of the table as {@code t}, in {@link SentMessage}'s order. */
    private final String columns;
    /** Each key column's type, read once: the element type of its key arrays, and which keys it can hold. */
    private final Map<String, KeyColumn> keyColumns = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();

    public SentMessageLookup(DataSource dataSource, SentMessageTable table, Duration recipientTimeWindow) {
        this(dataSource, table, recipientTimeWindow, DEFAULT_CHUNK_SIZE);
    }

    public SentMessageLookup(DataSource dataSource, SentMessageTable table, Duration recipientTimeWindow,
                             int chunkSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        this.recipientTimeWindow = Objects.requireNonNull(recipientTimeWindow, "recipientTimeWindow");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.columns = String.join(", ", "t." + table.messageIdColumn(), "t." + table.recipientColumn(),
                "t." + table.deliveryIdColumn(), "t." + table.sentAtColumn(), orNull(table.envelopeIdColumn()),
                orNull(table.verpTokenColumn()), orNull(table.customHeaderColumn()));
    }

    public SentMessageTable table() {
        return table;
    }

    /** How many lookup queries this lookup has run: operators watch it, and tests hold it to its batching. */
    public long queries() {
        return queries.get();
    }

    /**
     * The sent messages each key names, latest first; a key that names none is absent from the map. Keys of
     * several types are looked up type by type, each in as few queries as the chunk size allows.
     *
     * <p>A custom-header key matches only its recipient's rows; a recipient-and-time key matches its recipient's
     * rows sent within the window before the bounce. Other keys match every row with their value.
     */
    public Map<CorrelationKey, List<SentMessage>> resolve(Collection<? extends CorrelationKey> keys)
            throws SQLException {
        Map<KeyType, List<CorrelationKey>> byType = keys.stream().distinct()
                .collect(Collectors.groupingBy(CorrelationKey::type, Collectors.toList()));
        Map<CorrelationKey, List<SentMessage>> found = new HashMap<>();
        if (byType.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<KeyType, List<CorrelationKey>> entry : byType.entrySet()) {
                requireColumn(entry.getKey());
                for (List<CorrelationKey> chunk : chunks(entry.getValue())) {
                    found.putAll(resolveChunk(connection, new LookupChunk(entry.getKey(), chunk,
                            recipientTimeWindow)));
                }
            }
        }
        found.replaceAll((key, rows) -> rows.stream().sorted(LATEST_FIRST).toList());
        return found;
    }

    /** One query: the chunk's keys joined to the table by their column, or its condition on two columns. */
    private Map<CorrelationKey, List<SentMessage>> resolveChunk(Connection connection, LookupChunk chunk)
            throws SQLException {
        List<String> values = chunk.values();
        List<String> recipients = chunk.recipients();
        return switch (chunk.type()) {
            case MESSAGE_ID, ENVELOPE_ID, VERP -> chunk.match(joined(connection, table.column(chunk.type()), values));
            case CUSTOM_HEADER -> chunk.match(where(connection, "t." + table.customHeaderColumn() + " IN ("
                    + marks(values.size()) + ") AND t." + table.recipientColumn() + " IN (" + marks(recipients.size())
                    + ")", concat(values, recipients)));
            case RECIPIENT_TIME -> chunk.match(where(connection, "t." + table.recipientColumn() + " IN ("
                    + marks(recipients.size()) + ") AND t." + table.sentAtColumn() + " >= ? AND t."
                    + table.sentAtColumn() + " <= ?", concat(recipients, List.of(chunk.sentFrom(), chunk.sentTo()))));
        };
    }

    /**
     * The rows whose {@code column} holds one of the values: the values as an array, joined to the table. Values the
     * column cannot hold (KeyColumn) are left out; with none left there is no query.
     */
    private List<SentMessage> joined(Connection connection, String column, List<String> values) throws SQLException {
        KeyColumn type = keyColumn(connection, column);
        Object[] held = values.stream().filter(type::canHold).toArray();
        if (held.length == 0) {
            return List.of();
        }
        Array keys = connection.createArrayOf(type.typeName(), held);
        try {
            return query(connection, "SELECT " + columns + " FROM UNNEST(?) AS k(probe_key) JOIN " + table.table()
                    + " t ON t." + column + " = k.probe_key", List.of(keys));
        } finally {
            keys.free();
        }
    }

    private List<SentMessage> where(Connection connection, String condition, List<Object> parameters)
            throws SQLException {
        return query(connection, "SELECT " + columns + " FROM " + table.table() + " t WHERE " + condition, parameters);
    }

    private static List<Object> concat(List<?> first, List<?> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * A key column's type as the database describes it (PostgreSQL: varchar, text, int8, ...), from the description
     * of a statement that is prepared and never run; once per column.
     */
    private KeyColumn keyColumn(Connection connection, String column) throws SQLException {
        KeyColumn known = keyColumns.get(column);
        if (known != null) {
            return known;
        }
        try (PreparedStatement describe = connection.prepareStatement(
                "SELECT " + column + " FROM " + table.table() + " WHERE 1 = 0")) {
            ResultSetMetaData meta = describe.getMetaData();
            KeyColumn type = new KeyColumn(meta.getColumnTypeName(1), meta.getColumnType(1));
            keyColumns.put(column, type);
            return type;
        }
    }

    private List<SentMessage> query(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        List<SentMessage> rows = new ArrayList<>();
        queries.incrementAndGet();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp sentAt = rs.getTimestamp(4);
                    rows.add(new SentMessage(text(rs, 1), text(rs, 2), text(rs, 3),
                            Optional.ofNullable(sentAt).map(Timestamp::toInstant), text(rs, 5), text(rs, 6),
                            text(rs, 7)));
                }
            }
        }
        return rows;
    }

    private void requireColumn(KeyType type) {
        if (table.column(type).isEmpty()) {
            throw new IllegalArgumentException("cannot look up " + type.label() + " keys: "
                    + SentMessageTable.columnSetting(type) + " is empty");
        }
    }

    private List<List<CorrelationKey>> chunks(List<CorrelationKey> keys) {
        List<List<CorrelationKey>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += chunkSize) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + chunkSize)));
        }
        return chunks;
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** A NULL in place of a column the table does not have, so that the row layout stays the same. */
    private static String orNull(String column) {
        return column.isEmpty() ? "NULL" : "t." + column;
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value.trim();
    }
}

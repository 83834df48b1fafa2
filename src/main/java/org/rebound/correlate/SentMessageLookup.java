package org.rebound.correlate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Finds sent messages by correlation key in the sending system's table, many keys at once: one query per key type
 * for each chunk of distinct keys ({@code WHERE message_id IN (?, ?, ...)}), never one query per bounce. Plain JDBC
 * over any DataSource; every value is a bind parameter, and the table's names were checked when it was configured.
 *
 * <p>Values are bound as strings, so the key columns should be text; for a numeric column on PostgreSQL, add
 * {@code stringtype=unspecified} to the JDBC URL so that the server converts them.
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
    private final String select;
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
        this.select = "SELECT " + String.join(", ", table.messageIdColumn(), table.recipientColumn(),
                table.deliveryIdColumn(), table.sentAtColumn(), orNull(table.envelopeIdColumn()),
                orNull(table.verpTokenColumn()), orNull(table.customHeaderColumn())) + " FROM " + table.table();
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

    /** One query: the chunk's condition on the table, every value a bind parameter. */
    private Map<CorrelationKey, List<SentMessage>> resolveChunk(Connection connection, LookupChunk chunk)
            throws SQLException {
        List<String> values = chunk.values();
        List<String> recipients = chunk.recipients();
        String where = switch (chunk.type()) {
            case MESSAGE_ID, ENVELOPE_ID, VERP -> table.column(chunk.type()) + " IN (" + marks(values.size()) + ")";
            case CUSTOM_HEADER -> table.customHeaderColumn() + " IN (" + marks(values.size()) + ") AND "
                    + table.recipientColumn() + " IN (" + marks(recipients.size()) + ")";
            case RECIPIENT_TIME -> table.recipientColumn() + " IN (" + marks(recipients.size()) + ") AND "
                    + table.sentAtColumn() + " >= ? AND " + table.sentAtColumn() + " <= ?";
        };
        List<Object> parameters = new ArrayList<>(values);
        parameters.addAll(recipients);
        if (chunk.type() == KeyType.RECIPIENT_TIME) {
            parameters.add(chunk.sentFrom());
            parameters.add(chunk.sentTo());
        }
        return chunk.match(query(connection, select + " WHERE " + where, parameters));
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
        return column.isEmpty() ? "NULL" : column;
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value.trim();
    }
}

package org.rebound.correlate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the sending system keeps its sent messages: one row per message and recipient. Every name is checked by
 * {@link SqlIdentifier}; the optional columns are empty when the table has no such column, and then the matching
 * key type must not be in the correlation order. The lookups want indexes on the message id, envelope id and VERP
 * token columns, on (recipient, sent_at), and on (custom header column, recipient).
 *
 * @param table              the table, optionally schema-qualified
 * @param messageIdColumn    the Message-ID as sent, with or without angle brackets
 * @param recipientColumn    the recipient address
 * @param deliveryIdColumn   the sending system's delivery (campaign) id
 * @param sentAtColumn       when the message was sent (a TIMESTAMP, with or without time zone)
 * @param envelopeIdColumn   the ENVID given at sending (RFC 3461), or empty
 * @param verpTokenColumn    the token put in the return path, or empty
 * @param customHeaderColumn the value of the configured custom header, or empty
 */
public record SentMessageTable(String table, String messageIdColumn, String recipientColumn, String deliveryIdColumn,
                               String sentAtColumn, String envelopeIdColumn, String verpTokenColumn,
                               String customHeaderColumn) {

    private static final String PREFIX = "rebound.correlation.sent-messages.";
    public static final String TABLE = PREFIX + "table";
    public static final String MESSAGE_ID_COLUMN = PREFIX + "message-id-column";
    public static final String RECIPIENT_COLUMN = PREFIX + "recipient-column";
    public static final String DELIVERY_ID_COLUMN = PREFIX + "delivery-id-column";
    public static final String SENT_AT_COLUMN = PREFIX + "sent-at-column";
    public static final String ENVELOPE_ID_COLUMN = PREFIX + "envelope-id-column";
    public static final String VERP_TOKEN_COLUMN = PREFIX + "verp-token-column";
    public static final String CUSTOM_HEADER_COLUMN = PREFIX + "custom-header-column";
    public static final String UPDATE_STATUS = PREFIX + "update-status";

    /** The columns that the status update (store.BounceStore) writes, when {@link #UPDATE_STATUS} is true. */
    public static final List<String> STATUS_COLUMNS = List.of("status", "status_reason", "status_at");

    /**
     * Column names for a table made for Rebound. The custom header defaults to the delivery id column because the
     * default custom header, X-Campaign-Id, carries the campaign's id.
     */
    public static final SentMessageTable DEFAULTS = new SentMessageTable("sent_message", "message_id", "recipient",
            "delivery_id", "sent_at", "envelope_id", "verp_token", "delivery_id");

    public SentMessageTable {
        SqlIdentifier.table(TABLE, table);
        SqlIdentifier.column(MESSAGE_ID_COLUMN, messageIdColumn);
        SqlIdentifier.column(RECIPIENT_COLUMN, recipientColumn);
        SqlIdentifier.column(DELIVERY_ID_COLUMN, deliveryIdColumn);
        SqlIdentifier.column(SENT_AT_COLUMN, sentAtColumn);
        SqlIdentifier.optionalColumn(ENVELOPE_ID_COLUMN, envelopeIdColumn);
        SqlIdentifier.optionalColumn(VERP_TOKEN_COLUMN, verpTokenColumn);
        SqlIdentifier.optionalColumn(CUSTOM_HEADER_COLUMN, customHeaderColumn);
    }

    /** Reads the table's description from configuration properties; an absent key keeps its default. */
    public static SentMessageTable fromProperties(Map<String, String> properties) {
        return new SentMessageTable(
                properties.getOrDefault(TABLE, DEFAULTS.table()).trim(),
                properties.getOrDefault(MESSAGE_ID_COLUMN, DEFAULTS.messageIdColumn()).trim(),
                properties.getOrDefault(RECIPIENT_COLUMN, DEFAULTS.recipientColumn()).trim(),
                properties.getOrDefault(DELIVERY_ID_COLUMN, DEFAULTS.deliveryIdColumn()).trim(),
                properties.getOrDefault(SENT_AT_COLUMN, DEFAULTS.sentAtColumn()).trim(),
                properties.getOrDefault(ENVELOPE_ID_COLUMN, DEFAULTS.envelopeIdColumn()).trim(),
                properties.getOrDefault(VERP_TOKEN_COLUMN, DEFAULTS.verpTokenColumn()).trim(),
                properties.getOrDefault(CUSTOM_HEADER_COLUMN, DEFAULTS.customHeaderColumn()).trim());
    }

    /** Each configured column by the setting that names it, in the settings' order; columns left empty are not. */
    public Map<String, String> columnsBySetting() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(MESSAGE_ID_COLUMN, messageIdColumn);
        columns.put(RECIPIENT_COLUMN, recipientColumn);
        columns.put(DELIVERY_ID_COLUMN, deliveryIdColumn);
        columns.put(SENT_AT_COLUMN, sentAtColumn);
        columns.put(ENVELOPE_ID_COLUMN, envelopeIdColumn);
        columns.put(VERP_TOKEN_COLUMN, verpTokenColumn);
        columns.put(CUSTOM_HEADER_COLUMN, customHeaderColumn);
        columns.values().removeIf(String::isEmpty);
        return columns;
    }

    /** The column a key type is looked up in, or empty when the table has none. */
    public String column(KeyType type) {
        return switch (type) {
            case MESSAGE_ID -> messageIdColumn;
            case ENVELOPE_ID -> envelopeIdColumn;
            case VERP -> verpTokenColumn;
            case CUSTOM_HEADER -> customHeaderColumn;
            case RECIPIENT_TIME -> recipientColumn;
        };
    }

    /** The setting that names a key type's column, for error messages. */
    static String columnSetting(KeyType type) {
        return switch (type) {
            case MESSAGE_ID -> MESSAGE_ID_COLUMN;
            case ENVELOPE_ID -> ENVELOPE_ID_COLUMN;
            case VERP -> VERP_TOKEN_COLUMN;
            case CUSTOM_HEADER -> CUSTOM_HEADER_COLUMN;
            case RECIPIENT_TIME -> RECIPIENT_COLUMN;
        };
    }
}

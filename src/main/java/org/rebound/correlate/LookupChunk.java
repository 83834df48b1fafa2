package org.rebound.correlate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rebound.correlate.CorrelationKey.CustomHeader;
import org.rebound.correlate.CorrelationKey.RecipientAndTime;

/**
 * The keys of one type that one lookup query asks for: the values it binds, and which of the rows it finds each
 * key names. The query finds the rows whose column holds one of the values for the Message-ID, envelope id and
 * VERP token (the values joined to the table, see SentMessageLookup); {@code column
 * IN (values) AND recipient IN (recipients)} for a custom header; {@code recipient IN (recipients) AND sent_at
 * BETWEEN sentFrom AND sentTo} for recipient and time. A query may return rows that no key names (a custom header
 * of one key with the recipient of another), which {@link #match} leaves out.
 *
 * @param type                the keys' type
 * @param keys                distinct keys, all of that type
 * @param recipientTimeWindow how long before its bounce a recipient-and-time key's message may have been sent
 */
record LookupChunk(KeyType type, List<CorrelationKey> keys, Duration recipientTimeWindow) {

    LookupChunk {
        Objects.requireNonNull(type, "type");
        keys = List.copyOf(keys);
        Objects.requireNonNull(recipientTimeWindow, "recipientTimeWindow");
        if (keys.isEmpty() || keys.stream().anyMatch(key -> key.type() != type)) {
            throw new IllegalArgumentException("a lookup chunk needs keys of type " + type.label() + ": " + keys);
        }
    }

    /**
     * The values compared with the key type's column; none for recipient and time. A Message-ID is looked for both
     * bare and in angle brackets, since a sending system's table may keep either ({@code id@host} or
     * {@code <id@host>}, the header's own form): two values in the one list keep the index on the column usable,
     * where a function on the column would not.
     */
    List<String> values() {
        if (type == KeyType.RECIPIENT_TIME) {
            return List.of();
        }
        List<String> values = distinct(keys.stream().map(CorrelationKey::lookupValue).toList());
        if (type != KeyType.MESSAGE_ID) {
            return values;
        }
        List<String> both = new ArrayList<>(values);
        values.forEach(id -> both.add("<" + id + ">"));
        return both;
    }

    /** The recipients a custom-header or recipient-and-time query is limited to; none for other types. */
    List<String> recipients() {
        return switch (type) {
            case CUSTOM_HEADER -> distinct(keys.stream().map(key -> ((CustomHeader) key).recipient()).toList());
            case RECIPIENT_TIME -> distinct(keys.stream().map(CorrelationKey::lookupValue).toList());
            case MESSAGE_ID, ENVELOPE_ID, VERP -> List.of();
        };
    }

    /**
     * The earliest send a recipient-and-time query asks for: the window before the chunk's earliest bounce (for a
     * chunk of another type, whose query binds no time, the window before the epoch).
     */
    Timestamp sentFrom() {
        return Timestamp.from(bounceTimes().stream().min(Instant::compareTo).orElse(Instant.EPOCH)
                .minus(recipientTimeWindow));
    }

    /** The latest send a recipient-and-time query asks for: the chunk's latest bounce (the epoch for another type). */
    Timestamp sentTo() {
        return Timestamp.from(bounceTimes().stream().max(Instant::compareTo).orElse(Instant.EPOCH));
    }

    /**
     * The rows each key names, in the rows' order; a key that names none is absent. A custom-header key names only
     * its recipient's rows; a recipient-and-time key only its recipient's rows sent within the window before its
     * bounce; other keys every row with their value.
     */
    Map<CorrelationKey, List<SentMessage>> match(List<SentMessage> rows) {
        return switch (type) {
            case MESSAGE_ID, ENVELOPE_ID, VERP -> byValue(rows);
            case CUSTOM_HEADER -> byRecipient(rows, (key, row) -> row.customHeaderValue().equals(key.lookupValue()));
            case RECIPIENT_TIME -> byRecipient(rows, (key, row) -> withinWindow((RecipientAndTime) key, row));
        };
    }

    /** The row keeps its value as stored, which the status update matches on; the key is found without brackets. */
    private Map<CorrelationKey, List<SentMessage>> byValue(List<SentMessage> rows) {
        Map<String, CorrelationKey> byValue = keys.stream()
                .collect(Collectors.toMap(CorrelationKey::lookupValue, Function.identity(), (a, b) -> a));
        Map<CorrelationKey, List<SentMessage>> found = new HashMap<>();
        for (SentMessage row : rows) {
            String value = row.value(type);
            CorrelationKey key = byValue.get(type == KeyType.MESSAGE_ID ? withoutBrackets(value) : value);
            if (key != null) {
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        return found;
    }

    /** What else than its recipient a key asks of a row. */
    private interface RowTest {
        boolean names(CorrelationKey key, SentMessage row);
    }

    private Map<CorrelationKey, List<SentMessage>> byRecipient(List<SentMessage> rows, RowTest test) {
        Map<CorrelationKey, List<SentMessage>> found = new HashMap<>();
        for (CorrelationKey key : keys) {
            String recipient = key instanceof CustomHeader header ? header.recipient() : key.lookupValue();
            List<SentMessage> matching = rows.stream()
                    .filter(row -> row.recipient().equalsIgnoreCase(recipient) && test.names(key, row))
                    .toList();
            if (!matching.isEmpty()) {
                found.put(key, matching);
            }
        }
        return found;
    }

    private boolean withinWindow(RecipientAndTime key, SentMessage row) {
        Instant from = key.bounceTime().minus(recipientTimeWindow);
        return row.sentAt().filter(at -> !at.isBefore(from) && !at.isAfter(key.bounceTime())).isPresent();
    }

    private List<Instant> bounceTimes() {
        return keys.stream().filter(RecipientAndTime.class::isInstance)
                .map(key -> ((RecipientAndTime) key).bounceTime()).toList();
    }

    /** A msg-id as RFC 5322 writes it, {@code <id@host>}, without its brackets. */
    private static String withoutBrackets(String messageId) {
        return messageId.startsWith("<") && messageId.endsWith(">")
                ? messageId.substring(1, messageId.length() - 1).trim() : messageId;
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}

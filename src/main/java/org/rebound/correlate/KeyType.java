package org.rebound.correlate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The kinds of key that tie a bounce to the message that was sent, in the words the configuration uses. */
public enum KeyType {
    /** The sent message's Message-ID (RFC 5322 section 3.6.4), as the bounce quotes it. */
    MESSAGE_ID("message-id"),
    /** The envelope id the sender gave with ENVID (RFC 3461 section 4.4), returned as Original-Envelope-Id. */
    ENVELOPE_ID("envelope-id"),
    /** A token in the variable envelope return path the bounce was sent to (bounces+TOKEN@...). */
    VERP("verp"),
    /** The value of a configured header of the sent message, such as X-Campaign-Id, with the recipient. */
    CUSTOM_HEADER("custom-header"),
    /** The recipient alone, with the most recent message sent to it within a time window before the bounce. */
    RECIPIENT_TIME("recipient-time");

    private final String label;

    KeyType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * True when a key of this type names the sent message itself, so that a row of another recipient (the bounce
     * came from a forwarding address) still identifies it; false when only the recipient's own row may match.
     */
    public boolean identifiesMessage() {
        return this == MESSAGE_ID || this == ENVELOPE_ID || this == VERP;
    }

    public static KeyType parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (KeyType type : values()) {
            if (type.label.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown correlation key type '" + text + "'; known: "
                + String.join(", ", labels()));
    }

    /** Reads an order such as "message-id,envelope-id,verp,custom-header,recipient-time": no repeats, not empty. */
    public static List<KeyType> parseOrder(String text) {
        List<KeyType> order = new ArrayList<>();
        Set<KeyType> seen = EnumSet.noneOf(KeyType.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            KeyType type = parse(part);
            if (!seen.add(type)) {
                throw new IllegalArgumentException("correlation key type '" + type.label + "' is named twice in '"
                        + text + "'");
            }
            order.add(type);
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("the correlation order names no key type");
        }
        return List.copyOf(order);
    }

    private static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (KeyType type : values()) {
            labels.add(type.label);
        }
        return labels;
    }
}

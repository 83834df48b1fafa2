package org.rebound.dsn;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How long each field of a report may be: the one place that knows the limits of the standards and of the database
 * columns they are stored in (db/migration/V1__pipeline.sql). A returned message can say anything, at any length;
 * what Rebound keeps of it is bounded here, when it is parsed, so that no store, event or log downstream meets a
 * value its column cannot hold. The raw message, kept whole, still has every byte.
 */
public final class FieldLimits {

    /** RFC 5321 section 4.5.3.1.1: a local part is at most 64 octets. */
    public static final int LOCAL_PART_OCTETS = 64;
    /** RFC 5321 section 4.5.3.1.2: a domain is at most 255 octets. */
    public static final int DOMAIN_OCTETS = 255;
    /** RFC 5321 section 4.5.3.1.3: a path is at most 256 octets with its angle brackets, so an address 254. */
    public static final int ADDRESS_OCTETS = 254;
    /** The address columns (recipient, original_recipient, address): 64 + 1 + 255, room for any address. */
    public static final int ADDRESS_COLUMN = 320;
    /** bounce_event.diagnostic. */
    public static final int DIAGNOSTIC = 4000;
    /** RFC 5322 section 2.1.1: no line, so no Message-ID, is longer than 998 characters; the id columns. */
    public static final int MESSAGE_ID = 998;
    /** A host name (RFC 1035 section 2.3.4: 255 octets): remote_mta, reporting_mta. */
    public static final int HOST = 255;
    /** RFC 3461 section 4.4: an ENVID is at most 100 characters; sent_message.envelope_id. */
    public static final int ENVELOPE_ID = 100;
    /** bounce_event.feedback_type (RFC 5965 types are single words). */
    public static final int FEEDBACK_TYPE = 40;
    /** bounce_event.rule_id. */
    public static final int RULE_ID = 120;
    /** bounce_event.delivery_id, the sender's campaign id. */
    public static final int DELIVERY_ID = 255;
    /** outbox_event.payload: one JSON event. The bounded fields above keep an event far below it. */
    public static final int EVENT_PAYLOAD = 65535;

    private FieldLimits() {
    }

    /**
     * The text cut to {@code limit} characters when longer, ending with a marker that says it was cut and how long
     * it was, so a reader never mistakes a cut diagnostic for the whole; without NUL characters.
     */
    public static String cut(String text, int limit) {
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL's text types cannot hold U+0000 (the insert fails), and no server's words contain it.
            text = text.replace("\u0000", "");
        }
        if (text.length() <= limit) {
            return text;
        }
        String marker = " … [cut: " + text.length() + " characters; the raw message has them all]";
        if (marker.length() >= limit) {
            return text.substring(0, limit);
        }
        return text.substring(0, limit - marker.length()) + marker;
    }

    /**
     * Why the text cannot be an email address by the lengths of RFC 5321 section 4.5.3.1 (or a control character in
     * it), or empty when it can
     * (the syntax is the parsers' business; this only keeps an impossible value out of the store).
     */
    public static Optional<String> addressProblem(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("a control character (RFC 5321 4.1.2 allows none in an address)");
            }
        }
        int octets = address.getBytes(StandardCharsets.UTF_8).length;
        if (octets > ADDRESS_OCTETS) {
            return Optional.of(octets + " octets, over the " + ADDRESS_OCTETS + " of a path (RFC 5321 4.5.3.1.3)");
        }
        int at = address.lastIndexOf('@');
        if (at >= 0) {
            int local = address.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
            if (local > LOCAL_PART_OCTETS) {
                return Optional.of("a local part of " + local + " octets, over " + LOCAL_PART_OCTETS
                        + " (RFC 5321 4.5.3.1.1)");
            }
        }
        return Optional.empty();
    }
}

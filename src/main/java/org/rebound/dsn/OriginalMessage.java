package org.rebound.dsn;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The headers of the message that was sent and came back, as far as the returned message shows them: from an
 * attached message/rfc822 part, a text/rfc822-headers part, the quoted text of a non-standard bounce, or the
 * In-Reply-To of an auto-reply.
 *
 * @param messageId the original Message-ID without angle brackets, or empty when the bounce does not keep it
 * @param headers   every original header found, names lower-cased, first occurrence wins
 */
public record OriginalMessage(String messageId, Map<String, String> headers) {

    public static final OriginalMessage UNKNOWN = new OriginalMessage("", Map.of());

    public OriginalMessage {
        Objects.requireNonNull(messageId, "messageId");
        messageId = FieldLimits.cut(messageId, FieldLimits.MESSAGE_ID);
        headers = org.rebound.dsn.mime.Headers.isHeaderMap(headers) ? headers : Map.copyOf(headers);
    }

    /** A header of the original message by name, any case, or empty. */
    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
}

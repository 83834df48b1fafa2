package org.rebound.correlate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the sending system's table of sent messages: a message as sent to one recipient. Text fields are empty
 * when the column is NULL or not configured.
 *
 * @param messageId         the Message-ID as sent
 * @param recipient         the recipient it was sent to
 * @param deliveryId        the sending system's delivery (campaign) id
 * @param sentAt            when it was sent, when the row says
 * @param envelopeId        the ENVID given at sending (RFC 3461)
 * @param verpToken         the token in its return path
 * @param customHeaderValue the value of the configured custom header
 */
public record SentMessage(String messageId, String recipient, String deliveryId, Optional<Instant> sentAt,
                          String envelopeId, String verpToken, String customHeaderValue) {

    public SentMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(verpToken, "verpToken");
        Objects.requireNonNull(customHeaderValue, "customHeaderValue");
    }

    /** The value this row has for a key type's column. */
    String value(KeyType type) {
        return switch (type) {
            case MESSAGE_ID -> messageId;
            case ENVELOPE_ID -> envelopeId;
            case VERP -> verpToken;
            case CUSTOM_HEADER -> customHeaderValue;
            case RECIPIENT_TIME -> recipient;
        };
    }
}

package org.rebound.correlate;

import java.time.Instant;
import java.util.Objects;

/** One candidate key for finding the sent message a bounce is about; its {@link KeyType} says how to look it up. */
public sealed interface CorrelationKey {

    KeyType type();

    /** The value compared with the key type's column of the sent-message table. */
    String lookupValue();

    /** The sent message's Message-ID, without angle brackets or white space. */
    record OriginalMessageId(String messageId) implements CorrelationKey {
        public OriginalMessageId {
            requireText(messageId, "messageId");
        }

        @Override
        public KeyType type() {
            return KeyType.MESSAGE_ID;
        }

        @Override
        public String lookupValue() {
            return messageId;
        }
    }

    /** The RFC 3461 envelope id, as the DSN's Original-Envelope-Id returns it (case-sensitive, RFC 3464 2.2.1). */
    record EnvelopeId(String envelopeId) implements CorrelationKey {
        public EnvelopeId {
            requireText(envelopeId, "envelopeId");
        }

        @Override
        public KeyType type() {
            return KeyType.ENVELOPE_ID;
        }

        @Override
        public String lookupValue() {
            return envelopeId;
        }
    }

    /**
     * The token the sender put in the bounce address (variable envelope return path), and its signature when tokens
     * are signed ({@link VerpSignature}), else empty.
     */
    record VerpToken(String token, String signature) implements CorrelationKey {
        public VerpToken {
            requireText(token, "token");
            java.util.Objects.requireNonNull(signature, "signature");
        }

        @Override
        public KeyType type() {
            return KeyType.VERP;
        }

        @Override
        public String lookupValue() {
            return token;
        }
    }

    /**
     * A configured header of the sent message and the recipient it went to. A header such as X-Campaign-Id is
     * shared by every message of a campaign, so the value alone names thousands of rows; with the recipient it
     * names one.
     */
    record CustomHeader(String name, String value, String recipient) implements CorrelationKey {
        public CustomHeader {
            requireText(name, "name");
            requireText(value, "value");
            requireText(recipient, "recipient");
        }

        @Override
        public KeyType type() {
            return KeyType.CUSTOM_HEADER;
        }

        @Override
        public String lookupValue() {
            return value;
        }
    }

    /** The recipient and when the bounce arrived: the last message sent to it within the window matches. */
    record RecipientAndTime(String recipient, Instant bounceTime) implements CorrelationKey {
        public RecipientAndTime {
            requireText(recipient, "recipient");
            Objects.requireNonNull(bounceTime, "bounceTime");
        }

        @Override
        public KeyType type() {
            return KeyType.RECIPIENT_TIME;
        }

        @Override
        public String lookupValue() {
            return recipient;
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

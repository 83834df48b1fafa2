package org.rebound.correlate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What correlation found for one event: the sent message and the key that found it, or the keys that did not. */
public sealed interface Correlation {

    Optional<SentMessage> sentMessage();

    Optional<KeyType> matchedBy();

    /** Whether this correlation proves that the bounce belongs to a message sent to its recipient. */
    Verification verification();

    /**
     * The sent message was found.
     *
     * @param sent               the row that matched
     * @param key                the key that found it; its type is what the event records
     * @param recipientConfirmed true when the row's recipient is the bounce's recipient; false when a message-level
     *                           key (Message-ID, ENVID, VERP) found only another recipient's row, as after
     *                           forwarding
     */
    record Matched(SentMessage sent, CorrelationKey key, boolean recipientConfirmed) implements Correlation {
        public Matched {
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public Optional<SentMessage> sentMessage() {
            return Optional.of(sent);
        }

        @Override
        public Optional<KeyType> matchedBy() {
            return Optional.of(key.type());
        }

        @Override
        public Verification verification() {
            if (!recipientConfirmed) {
                return Verification.OTHER_RECIPIENT;
            }
            return key.type() == KeyType.RECIPIENT_TIME ? Verification.RECIPIENT_AND_TIME_ONLY
                    : Verification.PROVEN;
        }
    }

    /**
     * No key found the sent message.
     *
     * @param tried the keys that were looked up, in order; empty when the bounce gave none
     */
    record Unmatched(List<CorrelationKey> tried) implements Correlation {
        public Unmatched {
            tried = List.copyOf(tried);
        }

        @Override
        public Optional<SentMessage> sentMessage() {
            return Optional.empty();
        }

        @Override
        public Optional<KeyType> matchedBy() {
            return Optional.empty();
        }

        @Override
        public Verification verification() {
            return Verification.UNCORRELATED;
        }
    }
}

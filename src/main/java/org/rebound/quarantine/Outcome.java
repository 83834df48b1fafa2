package org.rebound.quarantine;

import java.time.Instant;
import java.util.Objects;

import org.rebound.classify.Classification;
import org.rebound.classify.Reason;
import org.rebound.dsn.Action;
import org.rebound.dsn.RecipientStatus;

/**
 * What one event says about an address, as the quarantine policy reads it.
 * Every outcome carries when it happened and the id of the event that said it, which the history keeps.
 */
public sealed interface Outcome {

    Instant at();

    String eventId();

    /**
     * The outcome of one classified recipient result. A delivery (RFC 3464 Action "delivered", which the
     * classifier names {@link Reason#DELIVERED}) is a success; a delay (Action "delayed") is no result yet, since
     * the reporting MTA is still trying (RFC 3464 section 2.3.3); everything else is a bounce for the policy's
     * rules to weigh.
     */
    static Outcome of(RecipientStatus recipient, Classification classification, Instant at, String eventId) {
        if (classification.reason() == Reason.DELIVERED) {
            return new Delivered(at, eventId);
        }
        if (recipient.action() == Action.DELAYED && classification.reason() != Reason.FEEDBACK) {
            return new Delayed(at, eventId);
        }
        return new Bounce(classification, at, eventId);
    }

    /** A failure, complaint or auto-reply, as the classifier judged it. */
    record Bounce(Classification classification, Instant at, String eventId) implements Outcome {
        public Bounce {
            Objects.requireNonNull(classification, "classification");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(eventId, "eventId");
            if (classification.reason() == Reason.DELIVERED) {
                throw new IllegalArgumentException("a delivery is an Outcome.Delivered, not a bounce: " + eventId);
            }
        }

        public Reason reason() {
            return classification.reason();
        }
    }

    /** A message reached the address. */
    record Delivered(Instant at, String eventId) implements Outcome {
        public Delivered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /** Delivery is late but still being tried: the final report, if any, is what counts. */
    record Delayed(Instant at, String eventId) implements Outcome {
        public Delayed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(eventId, "eventId");
        }
    }
}

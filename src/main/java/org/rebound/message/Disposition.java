package org.rebound.message;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;


/**
 * What becomes of one returned message: the events to record, the dead-letter file to write (and why), and the
 * outcome remembered for it, which also says whether it stays in the mailbox or is forwarded.
 *
 * @param result           what was understood of the message
 * @param recorded         the events stored in the database and published
 * @param deadLetterReason why the message goes to the dead-letter folder ("unreadable", "uncorrelated",
 *                         "not-a-bounce"), or empty when it does not
 * @param outcome          what Rebound remembers having done with it
 */
public record Disposition(MessageResult result, List<BounceEvent> recorded, Optional<String> deadLetterReason,
                          Outcome outcome) {

    public Disposition {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(deadLetterReason, "deadLetterReason");
        Objects.requireNonNull(outcome, "outcome");
        recorded = List.copyOf(recorded);
    }

    /** True when the message must stay in the mailbox. */
    public boolean keepInMailbox() {
        return outcome == Outcome.KEPT;
    }

    /** True when the message is to be forwarded to a person. */
    public boolean forward() {
        return outcome == Outcome.FORWARDED;
    }

    public ReturnedMessage message() {
        return result.message();
    }

    /** The recipient results that go to the dead-letter folder with the message (the uncorrelated ones). */
    public List<BounceEvent> deadLetteredEvents() {
        return result.events().stream().filter(e -> !recorded.contains(e)).toList();
    }

    /** What Rebound did with a message, remembered by content hash (store.ReceivedMessages). */
    public enum Outcome {
        RECORDED, DEAD_LETTERED, KEPT, FORWARDED;

        public static Outcome parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}

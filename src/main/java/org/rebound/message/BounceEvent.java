package org.rebound.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rebound.classify.Classification;
import org.rebound.classify.Explanation;
import org.rebound.correlate.Correlation;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/**
 * One recipient's result: what the returned message said about it, what that means, and which sent message it
 * belongs to.
 *
 * @param eventId     stable across retries and restarts (derived from the message's hash and the recipient), so
 *                    the database and the topic's consumers can deduplicate
 * @param message     the returned message it came from
 * @param report      what the returned message says as a whole
 * @param recipient   what it says about this recipient
 * @param result      the classification
 * @param unqualified true when no rule read the diagnostic of this failure: it goes to the qualification log
 * @param correlation the sent message and the key that found it, or the keys tried in vain
 * @param receivedAt  when Rebound read the returned message
 */
public record BounceEvent(String eventId, ReturnedMessage message, BounceReport report, RecipientStatus recipient,
                          Classification result, boolean unqualified, Correlation correlation, Instant receivedAt) {

    /**
     * @param position the recipient's place in the report: a report may name one recipient twice (one block per
     *                 attempted server), and each block is its own event
     */
    public static BounceEvent of(ReturnedMessage message, BounceReport report, int position,
                                 RecipientStatus recipient, Explanation explanation, Instant receivedAt) {
        String eventId = eventId(message.contentHash(), position, recipient.finalRecipient());
        return new BounceEvent(eventId, message, report, recipient, explanation.classification(),
                explanation.needsQualification(recipient), NOT_YET_CORRELATED, receivedAt);
    }

    /** The stable id of the recipient result at this position of the message with this hash. */
    public static String eventId(String contentHash, int position, String recipient) {
        String seed = contentHash + "/" + position + "/" + recipient;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Correlation comes after classification: until then an event is unmatched, having tried no key. */
    private static final Correlation NOT_YET_CORRELATED = new Correlation.Unmatched(List.of());

    public boolean correlated() {
        return correlation instanceof Correlation.Matched;
    }

    public BounceEvent correlatedWith(Correlation found) {
        return new BounceEvent(eventId, message, report, recipient, result, unqualified, found, receivedAt);
    }
}

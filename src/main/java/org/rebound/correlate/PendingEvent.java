package org.rebound.correlate;

import java.time.Instant;
import java.util.Objects;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/**
 * One recipient's result waiting to be tied to the message it reports on.
 *
 * @param report     the whole returned message
 * @param recipient  the recipient this event is about, one of the report's
 * @param receivedAt when the returned message arrived; the recipient-and-time key looks back from here
 */
public record PendingEvent(BounceReport report, RecipientStatus recipient, Instant receivedAt) {

    public PendingEvent {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}

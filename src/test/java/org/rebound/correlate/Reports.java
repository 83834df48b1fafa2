package org.rebound.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;

/** Bounce reports for correlation tests: only the fields correlation reads are set. */
final class Reports {

    static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");

    private Reports() {
    }

    /** A report of the given kind about one failed recipient. */
    static PendingEvent event(Kind kind, String envelopeId, String returnPath, OriginalMessage original,
                              String originalRecipient, String finalRecipient) {
        RecipientStatus recipient = new RecipientStatus(finalRecipient, originalRecipient, Action.FAILED,
                Optional.empty(), "", "", "", "", org.rebound.dsn.SmtpCommand.UNKNOWN);
        BounceReport report = new BounceReport(kind, "test", "", envelopeId, returnPath, "", original,
                List.of(recipient));
        return new PendingEvent(report, recipient, RECEIVED);
    }

    /** A DSN that quotes the sent message's Message-ID, for one recipient. */
    static PendingEvent withMessageId(String messageId, String recipient) {
        return event(Kind.DSN, "", "", new OriginalMessage(messageId, Map.of()), "", recipient);
    }

    /** A DSN that keeps nothing of the sent message but the recipient. */
    static PendingEvent bare(String recipient) {
        return event(Kind.DSN, "", "", OriginalMessage.UNKNOWN, "", recipient);
    }
}

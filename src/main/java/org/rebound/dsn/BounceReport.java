package org.rebound.dsn;

import java.util.List;
import java.util.Objects;

/**
 * What one returned message says.
 *
 * @param kind         what the message is
 * @param parser       the name of the parser that read it (a reporting-MTA format, "rfc3464", "arf", ...)
 * @param reportingMta the MTA that wrote the report (RFC 3464 Reporting-MTA), or empty
 * @param envelopeId   the sender's envelope id (RFC 3461 ENVID, RFC 3464 Original-Envelope-Id), or empty
 * @param returnPath   the address the returned message was delivered to (To, Delivered-To), which carries a VERP
 *                     token when the sender used one, or empty
 * @param feedbackType the ARF Feedback-Type (RFC 5965: abuse, fraud, opt-out, ...) of a complaint, or empty
 * @param original     the headers of the message that was sent, as far as the report shows them
 * @param recipients   one entry per recipient the message reports on; empty for mail that is not a bounce
 */
public record BounceReport(Kind kind, String parser, String reportingMta, String envelopeId, String returnPath,
                           String feedbackType, OriginalMessage original, List<RecipientStatus> recipients) {

    public BounceReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(feedbackType, "feedbackType");
        Objects.requireNonNull(original, "original");
        reportingMta = FieldLimits.cut(reportingMta, FieldLimits.HOST);
        envelopeId = FieldLimits.cut(envelopeId, FieldLimits.ENVELOPE_ID);
        returnPath = FieldLimits.cut(returnPath, FieldLimits.ADDRESS_COLUMN);
        feedbackType = FieldLimits.cut(feedbackType, FieldLimits.FEEDBACK_TYPE);
        recipients = List.copyOf(recipients);
    }

    /** A report on mail that is not about delivery (a person's reply, a newsletter sent to the bounce address). */
    public static BounceReport notABounce(Kind kind, String parser, String returnPath, OriginalMessage original) {
        return new BounceReport(kind, parser, "", "", returnPath, "", original, List.of());
    }

    /** True when the message reports on at least one recipient, so the pipeline has something to record. */
    public boolean isBounce() {
        return kind.reportsOnRecipients() && !recipients.isEmpty();
    }
}

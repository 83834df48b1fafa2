package org.rebound.classify;

import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.StatusCode;

/**
 * Decides the reason, type and fault of one recipient's result. This first version reads only the report's kind
 * and the RFC 3463 status code's class and subject; the rule book of a later version refines it with the
 * diagnostic text.
 */
public final class Classifier {

    public Classification classify(BounceReport report, RecipientStatus recipient) {
        if (report.kind() == Kind.FEEDBACK_REPORT) {
            return decided(Reason.FEEDBACK, recipient, "kind:feedback-report", report.feedbackType());
        }
        if (report.kind() == Kind.AUTO_REPLY) {
            return decided(Reason.VACATION, recipient, "kind:auto-reply", "");
        }
        if (recipient.action() == Action.DELIVERED || recipient.action() == Action.RELAYED
                || recipient.action() == Action.EXPANDED) {
            return decided(Reason.DELIVERED, recipient, "action:" + recipient.action().keyword(), "");
        }
        return recipient.status()
                .map(code -> decided(byStatusCode(code), recipient, "status-code:" + code.statusClass() + "."
                        + code.subject() + "." + code.detail(), code.toString()))
                .orElseGet(() -> decided(Reason.UNDEFINED, recipient, "no-evidence", ""));
    }

    /** RFC 3463 section 3: the subject and detail of an enhanced status code name the failing part. */
    private static Reason byStatusCode(StatusCode code) {
        return switch (code.subject()) {
            case 1 -> switch (code.detail()) {
                case 1, 3 -> Reason.USERUNKNOWN;
                case 2 -> Reason.HOSTUNKNOWN;
                case 6 -> Reason.HASMOVED;
                case 8 -> Reason.REJECTED;
                default -> Reason.USERUNKNOWN;
            };
            case 2 -> switch (code.detail()) {
                case 1 -> Reason.SUSPEND;
                case 2 -> Reason.MAILBOXFULL;
                case 3 -> Reason.MESGTOOBIG;
                default -> Reason.FILTERED;
            };
            case 3 -> switch (code.detail()) {
                case 1 -> Reason.SYSTEMFULL;
                case 4 -> Reason.MESGTOOBIG;
                default -> Reason.SYSTEMERROR;
            };
            case 4 -> switch (code.detail()) {
                case 1, 2 -> Reason.NETWORKERROR;
                case 7 -> Reason.EXPIRED;
                default -> Reason.NETWORKERROR;
            };
            case 5 -> Reason.SYNTAXERROR;
            case 6 -> Reason.CONTENTERROR;
            case 7 -> switch (code.detail()) {
                case 1 -> Reason.REJECTED;
                default -> Reason.SECURITYERROR;
            };
            default -> Reason.UNDEFINED;
        };
    }

    private static Classification decided(Reason reason, RecipientStatus recipient, String ruleId, String text) {
        Optional<StatusCode> status = recipient.status();
        return new Classification(reason, reason.type(status, recipient.replyCode()), reason.fault(), ruleId, text);
    }
}

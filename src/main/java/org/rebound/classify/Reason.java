package org.rebound.classify;

import static org.rebound.classify.Fault.CONTENT;
import static org.rebound.classify.Fault.NETWORK;
import static org.rebound.classify.Fault.RECIPIENT;
import static org.rebound.classify.Fault.SENDER;
import static org.rebound.classify.OperatorCategory.ACCOUNT_DISABLED;
import static org.rebound.classify.OperatorCategory.COMPLAINT;
import static org.rebound.classify.OperatorCategory.IGNORED;
import static org.rebound.classify.OperatorCategory.INVALID_DOMAIN;
import static org.rebound.classify.OperatorCategory.MAILBOX_FULL;
import static org.rebound.classify.OperatorCategory.NOT_CONNECTED;
import static org.rebound.classify.OperatorCategory.REFUSED;
import static org.rebound.classify.OperatorCategory.UNREACHABLE;
import static org.rebound.classify.OperatorCategory.USER_UNKNOWN;

import java.util.Locale;
import java.util.Optional;

import org.rebound.dsn.StatusCode;

/**
 * Why a message came back, in the vocabulary of Sisimai (https://libsisimai.org/en/reason/), so that results
 * compare one to one with the most complete public classifier. Each reason carries whose fault it is and the
 * Adobe Campaign category an operator sees.
 */
public enum Reason {
    AUTHFAILURE(SENDER, REFUSED),
    BADREPUTATION(SENDER, REFUSED),
    BLOCKED(SENDER, REFUSED),
    CONTENTERROR(CONTENT, REFUSED),
    EXCEEDLIMIT(CONTENT, REFUSED),
    EXPIRED(NETWORK, UNREACHABLE),
    FILTERED(RECIPIENT, REFUSED),
    HASMOVED(RECIPIENT, USER_UNKNOWN),
    HOSTUNKNOWN(RECIPIENT, INVALID_DOMAIN),
    MAILBOXFULL(RECIPIENT, MAILBOX_FULL),
    MAILERERROR(NETWORK, UNREACHABLE),
    MESGTOOBIG(CONTENT, REFUSED),
    NETWORKERROR(NETWORK, NOT_CONNECTED),
    NORELAYING(SENDER, REFUSED),
    NOTACCEPT(RECIPIENT, INVALID_DOMAIN),
    NOTCOMPLIANTRFC(CONTENT, REFUSED),
    ONHOLD(NETWORK, UNREACHABLE),
    POLICYVIOLATION(CONTENT, REFUSED),
    REJECTED(SENDER, REFUSED),
    REQUIREPTR(SENDER, REFUSED),
    SECURITYERROR(SENDER, REFUSED),
    SPAMDETECTED(CONTENT, REFUSED),
    SPEEDING(SENDER, REFUSED),
    SUSPEND(RECIPIENT, ACCOUNT_DISABLED),
    SYNTAXERROR(SENDER, REFUSED),
    SYSTEMERROR(NETWORK, UNREACHABLE),
    SYSTEMFULL(NETWORK, UNREACHABLE),
    TOOMANYCONN(SENDER, REFUSED),
    UNDEFINED(NETWORK, IGNORED),
    USERUNKNOWN(RECIPIENT, USER_UNKNOWN),
    VIRUSDETECTED(CONTENT, REFUSED),
    FAILEDSTARTTLS(SENDER, REFUSED),
    SUPPRESSED(RECIPIENT, REFUSED),
    DELIVERED(Fault.NONE, IGNORED),
    FEEDBACK(Fault.NONE, COMPLAINT),
    VACATION(Fault.NONE, IGNORED);

    private final Fault fault;
    private final OperatorCategory category;

    Reason(Fault fault, OperatorCategory category) {
        this.fault = fault;
        this.category = category;
    }

    public Fault fault() {
        return fault;
    }

    public OperatorCategory category() {
        return category;
    }

    /**
     * Hard or soft, as Sisimai decides it: userunknown, hostunknown and hasmoved are hard; notaccept is hard with a
     * permanent (5xx) code and soft with a transient one; delivered, feedback and vacation are no failure.
     */
    public BounceType type(Optional<StatusCode> status, String replyCode) {
        return switch (this) {
            case USERUNKNOWN, HOSTUNKNOWN, HASMOVED -> BounceType.HARD;
            case NOTACCEPT -> isTransient(status, replyCode) ? BounceType.SOFT : BounceType.HARD;
            case DELIVERED, FEEDBACK, VACATION -> BounceType.NONE;
            default -> BounceType.SOFT;
        };
    }

    private static boolean isTransient(Optional<StatusCode> status, String replyCode) {
        return status.map(StatusCode::isTransient).orElse(replyCode.startsWith("4"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reason parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reason '" + text + "'", e);
        }
    }
}

package org.rebound.quarantine;

import java.util.Locale;

/**
 * The rules of the quarantine policy; a transition names the one that decided it, and so does each history entry.
 * The policy is Adobe Campaign's (DESIGN.md, section Quarantine; Adobe's "Understanding quarantine management",
 * https://experienceleague.adobe.com/docs/campaign-classic/using/sending-messages/monitoring-deliveries/understanding-quarantine-management.html).
 */
public enum PolicyRule {
    /** A feedback report (RFC 5965) denylists the address, whoever's fault and whatever its state. */
    COMPLAINT_DENYLISTS,
    /** A denylisted address stays denylisted whatever comes next: only an operator lifts it. */
    DENYLIST_IS_FINAL,
    /** A hard bounce that is the recipient's fault quarantines at once. */
    HARD_BOUNCE_QUARANTINES,
    /**
     * A hard bounce on an address quarantined for a full mailbox makes the quarantine one that does not lift with
     * time: the mailbox is gone, not full.
     */
    HARD_BOUNCE_MAKES_QUARANTINE_PERMANENT,
    /** A quarantined address is not mailed; late failures of earlier mail change nothing. */
    QUARANTINED_IGNORES_FAILURES,
    /** A soft error counts only when at least the minimum spacing (a day) after the last counted one. */
    SOFT_ERROR_TOO_SOON,
    /** A soft error that is the recipient's fault counts: the address is WITH_ERRORS. */
    SOFT_ERROR_COUNTS,
    /** The soft error that reaches the threshold (the sixth) quarantines. */
    SOFT_ERROR_LIMIT_QUARANTINES,
    /** A failure that is not the recipient's (blocked IP, reputation, DMARC, network, content) leaves it alone. */
    NOT_RECIPIENT_FAULT_IGNORED,
    /** An event that is no failure (an auto-reply, a vacation notice) leaves the address alone. */
    NO_FAILURE_IGNORED,
    /** A delay notice is no result yet: the reporting MTA is still trying (RFC 3464 section 2.3.3). */
    DELAY_IGNORED,
    /** A successful delivery clears WITH_ERRORS: the address is VALID and its counter restarts. */
    DELIVERY_CLEARS_ERRORS,
    /** A successful delivery to a VALID address changes nothing. */
    DELIVERY_TO_VALID_ADDRESS,
    /**
     * A successful delivery does not lift a quarantine: the policy clears only "with errors", and a late success
     * report of earlier mail says nothing about the failure that quarantined the address.
     */
    DELIVERY_KEEPS_QUARANTINE,
    /** A counter whose last significant error is more than the reset period (ten days) old restarts: VALID. */
    STALE_ERRORS_EXPIRE,
    /** A quarantine for a full mailbox lifts after its period (thirty days): VALID. */
    MAILBOX_FULL_RECOVERS,
    /** No time rule is due. */
    NOTHING_DUE,
    /**
     * Not a rule of the policy but of its operation: the stored bounces were classified again with a newer rule
     * book, and replaying the address's events through the policy gave another state.
     */
    RECLASSIFIED,
    /**
     * Not a rule of the policy but an operator's act (the HTTP API, JMX): the address is VALID again, its counter
     * restarted, whatever its state; the history records who released it and why.
     */
    RELEASED_BY_OPERATOR;

    /** The rule's id as stored in the history: lower case, words joined by '-'. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PolicyRule parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quarantine rule '" + text + "'", e);
        }
    }
}

package org.rebound.classify;

import java.util.Objects;

/**
 * What a recipient's failure means, and the evidence for it.
 *
 * @param reason      why the message came back
 * @param type        hard, soft or none
 * @param fault       whose problem it is; only RECIPIENT faults count toward quarantine
 * @param ruleId      the rule that decided, such as a rule-book id or "status-code:5.1.x"
 * @param matchedText the text the rule matched on (a diagnostic fragment, a status code), or empty
 */
public record Classification(Reason reason, BounceType type, Fault fault, String ruleId, String matchedText) {

    public Classification {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(matchedText, "matchedText");
    }

    /** True when this failure should count against the address itself. */
    public boolean countsTowardQuarantine() {
        return fault == Fault.RECIPIENT && type != BounceType.NONE;
    }
}

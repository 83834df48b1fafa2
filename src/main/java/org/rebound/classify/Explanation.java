package org.rebound.classify;

import java.util.Optional;

import org.rebound.dsn.RecipientStatus;

/**
 * A classification with the rule that decided it, for `explain` and for the qualification log.
 *
 * @param classification the result
 * @param rule           the deciding rule, or empty when no rule matched (reason undefined)
 */
public record Explanation(Classification classification, Optional<Rule> rule) {

    /** True when a rule read the diagnostic text; otherwise the text is unqualified (see QualificationLog). */
    public boolean textQualified() {
        return rule.map(r -> r.conditions().readsDiagnostic()).orElse(false);
    }

    /** True when this failure's diagnostic belongs in the qualification log: a failure no rule read the text of. */
    public boolean needsQualification(RecipientStatus recipient) {
        return !textQualified() && !recipient.diagnostic().isBlank()
                && classification.type() != BounceType.NONE;
    }
}

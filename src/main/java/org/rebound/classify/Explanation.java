package org.rebound.classify;

import java.util.Optional;

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
}

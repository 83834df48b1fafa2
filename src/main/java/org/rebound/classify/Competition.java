package org.rebound.classify;

import java.util.List;
import java.util.Optional;

/**
 * The rules that matched one recipient's result, in book order, and why the first one decided: the book is an
 * ordered list (operator rules, then the shipped files by name, then each file's order), and the shipped files are
 * ordered so that specific text comes before a generic status or reply code (Sisimai lib/Sisimai/Reason.pm decides
 * by the words first, and falls back to the status class, X.7 securityerror, only when no words say more).
 *
 * @param matches every matching rule, the deciding one first; empty when no rule matched
 */
public record Competition(List<RuleMatch> matches) {

    public Competition {
        matches = List.copyOf(matches);
    }

    public Optional<RuleMatch> winner() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }

    /** Why the winner beat a rule that also matched, in a few words an operator can act on. */
    public static String whyBeats(Rule winner, Rule loser) {
        String order = winner.file().equals(loser.file())
                ? "earlier in " + winner.file() + " (line " + winner.line() + " before " + loser.line() + ")"
                : winner.file() + " comes before " + loser.file() + " (operator rules first, then files by name)";
        if (winner.conditions().readsDiagnostic() && !loser.conditions().readsDiagnostic()) {
            return "specific text beats a generic code: " + order;
        }
        return order;
    }
}

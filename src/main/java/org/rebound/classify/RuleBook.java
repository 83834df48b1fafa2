package org.rebound.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/**
 * An immutable, ordered list of rules: the first rule whose conditions hold decides. Operator rules come first, then
 * the shipped files in file-name order (text and provider rules, then the RFC 3463 status-code and RFC 5321
 * reply-code fallbacks). A reloaded book is a new instance, so a classification never sees half an edit.
 */
public final class RuleBook {

    private final List<Rule> rules;
    private final Map<String, Rule> byId = new LinkedHashMap<>();

    public RuleBook(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        for (Rule r : this.rules) {
            Rule earlier = byId.putIfAbsent(r.id(), r);
            if (earlier != null) {
                throw new RuleBookException(r.file(), r.line(),
                        "duplicate rule id '" + r.id() + "' (first defined at " + earlier.location() + ")");
            }
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The first rule that matches, with the evidence it matched; empty when none does. */
    public Optional<RuleMatch> firstMatch(BounceReport report, RecipientStatus recipient) {
        for (Rule rule : rules) {
            Optional<String> evidence = rule.conditions().test(report, recipient);
            if (evidence.isPresent()) {
                return Optional.of(new RuleMatch(rule, evidence.get()));
            }
        }
        return Optional.empty();
    }
}

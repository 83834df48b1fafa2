package org.rebound.classify;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/**
 * Decides the reason, type and fault of one recipient's result with the rule book: the first matching rule gives
 * the reason (operator rules, then the shipped text and provider rules, then the RFC 3463 status-code and RFC 5321
 * reply-code fallbacks); the reason gives the type and the fault. When no rule matches the reason is undefined.
 */
public final class Classifier {

    /** The rule id of a result no rule decided. */
    public static final String NO_RULE = "no-rule";

    private final Supplier<RuleBook> rules;

    /**
     * Classifies with the shipped rule book ({@code ./rules}, or the copy in the jar) and the operator's rules
     * ({@code rules/local}), re-read within a second of a change (see RuleFiles for the locations' properties).
     */
    public Classifier() {
        this(new ReloadingRuleBook(RuleFiles.configured(), new RuleBookLoader(), Duration.ofSeconds(1)));
    }

    public Classifier(Supplier<RuleBook> rules) {
        this.rules = rules;
    }

    public Classifier(RuleBook rules) {
        this(() -> rules);
    }

    public Classification classify(BounceReport report, RecipientStatus recipient) {
        return explain(report, recipient).classification();
    }

    public Explanation explain(BounceReport report, RecipientStatus recipient) {
        Optional<RuleMatch> match = rules.get().firstMatch(report, unfolded(recipient));
        Reason reason = match.map(m -> m.rule().reason()).orElse(Reason.UNDEFINED);
        Classification c = new Classification(reason, reason.type(recipient.status(), recipient.replyCode()),
                reason.fault(), match.map(m -> m.rule().id()).orElse(NO_RULE),
                match.map(RuleMatch::matchedText).orElse(""));
        return new Explanation(c, match.map(RuleMatch::rule));
    }

    /** Every rule that matched, the deciding one first: what `explain` shows. Slower than classify: not for the pipeline. */
    public Competition compete(BounceReport report, RecipientStatus recipient) {
        return new Competition(rules.get().allMatches(report, unfolded(recipient)));
    }

    private static RecipientStatus unfolded(RecipientStatus r) {
        String text = ReplyText.unfold(r.diagnostic());
        return text.equals(r.diagnostic()) ? r : new RecipientStatus(r.finalRecipient(), r.originalRecipient(),
                r.action(), r.status(), r.replyCode(), text, r.remoteMta(), r.lastAttempt(), r.command());
    }

    /** The book in use now. */
    public RuleBook ruleBook() {
        return rules.get();
    }
}

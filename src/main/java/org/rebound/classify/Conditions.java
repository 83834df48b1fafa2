package org.rebound.classify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;

/**
 * What a rule requires of one recipient's result. Every condition given must hold; within one condition any listed
 * value may match. Empty sets, lists and patterns mean "not a condition". The cheap conditions are tested before the
 * regular expressions, which are compiled once, when the rule book is loaded.
 *
 * @param kinds      the report's kind
 * @param parsers    the parser that read the report (its name, as `explain` prints it): for an MTA's own sentences,
 *                   which mean what they say only in that MTA's notices
 * @param actions    the recipient's RFC 3464 Action
 * @param commands   the SMTP command the remote server refused (RFC 5321 section 3.3); UNKNOWN matches a report
 *                   that names none
 * @param statuses   the enhanced status code (RFC 3463)
 * @param replies    the SMTP reply code (RFC 5321)
 * @param diagnostic expressions over the diagnostic text (case-insensitive, found anywhere in it), any of which
 *                   may match; kept apart so that only those whose words occur in a text are run (text.WordSearch)
 * @param remoteMta  the remote MTA's host name (RFC 3464 Remote-MTA)
 * @param provider   the remote MTA, the reporting MTA or the recipient's domain: where a provider's rule applies
 */
public record Conditions(Set<Kind> kinds, Set<String> parsers, Set<Action> actions, Set<SmtpCommand> commands,
                         List<StatusPattern> statuses,
                         List<ReplyPattern> replies, List<Pattern> diagnostic, Optional<Pattern> remoteMta,
                         Optional<Pattern> provider) {

    public Conditions {
        kinds = Set.copyOf(kinds);
        parsers = Set.copyOf(parsers);
        actions = Set.copyOf(actions);
        commands = Set.copyOf(commands);
        statuses = List.copyOf(statuses);
        replies = List.copyOf(replies);
        diagnostic = List.copyOf(diagnostic);
    }

    public boolean isEmpty() {
        return kinds.isEmpty() && parsers.isEmpty() && actions.isEmpty() && commands.isEmpty() && statuses.isEmpty() && replies.isEmpty()
                && diagnostic.isEmpty() && remoteMta.isEmpty() && provider.isEmpty();
    }

    /** True when the rule reads the diagnostic text, so that a match qualifies the text (see QualificationLog). */
    public boolean readsDiagnostic() {
        return !diagnostic.isEmpty();
    }

    /**
     * Tests the conditions; when all hold, returns the evidence: the diagnostic fragment matched, else the status or
     * reply code, else the kind or action.
     */
    public Optional<String> test(BounceReport report, RecipientStatus recipient) {
        return test(report, recipient, i -> 0);
    }

    /**
     * As {@link #test(BounceReport, RecipientStatus)}, where the caller knows, for each diagnostic expression (by
     * index), where in the text its first match can start at the earliest: -1 when it cannot match at all.
     */
    Optional<String> test(BounceReport report, RecipientStatus recipient, IntUnaryOperator earliestStart) {
        if (!holdsApartFromText(report, recipient)) {
            return Optional.empty();
        }
        if (diagnostic.isEmpty()) {
            return Optional.of(evidence(report, recipient));
        }
        for (int i = 0; i < diagnostic.size(); i++) {
            int start = earliestStart.applyAsInt(i);
            if (start >= 0) {
                // find(start) searches from there over the whole text: a look-behind still sees what comes before.
                Matcher m = diagnostic.get(i).matcher(recipient.diagnostic());
                if (m.find(start)) {
                    return Optional.of(m.group());
                }
            }
        }
        return Optional.empty();
    }

    private boolean holdsApartFromText(BounceReport report, RecipientStatus recipient) {
        if (!kinds.isEmpty() && !kinds.contains(report.kind())) {
            return false;
        }
        if (!parsers.isEmpty() && !parsers.contains(report.parser())) {
            return false;
        }
        if (!actions.isEmpty() && !actions.contains(recipient.action())) {
            return false;
        }
        if (!commands.isEmpty() && !commands.contains(recipient.command())) {
            return false;
        }
        if (!statuses.isEmpty() && !anyStatus(recipient)) {
            return false;
        }
        if (!replies.isEmpty() && !anyReply(recipient)) {
            return false;
        }
        if (remoteMta.isPresent() && !remoteMta.get().matcher(recipient.remoteMta()).find()) {
            return false;
        }
        return provider.isEmpty() || isProvider(provider.get(), report, recipient);
    }

    // Loops rather than streams: these run for every rule on every recipient (see RuleBook.firstMatch).
    private boolean anyStatus(RecipientStatus recipient) {
        for (StatusPattern s : statuses) {
            if (s.matches(recipient.status())) {
                return true;
            }
        }
        return false;
    }

    private boolean anyReply(RecipientStatus recipient) {
        for (ReplyPattern r : replies) {
            if (r.matches(recipient.replyCode())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isProvider(Pattern provider, BounceReport report, RecipientStatus recipient) {
        String address = recipient.finalRecipient();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        return provider.matcher(recipient.remoteMta()).find() || provider.matcher(report.reportingMta()).find()
                || (!domain.isEmpty() && provider.matcher(domain).find());
    }

    private String evidence(BounceReport report, RecipientStatus recipient) {
        if (!statuses.isEmpty()) {
            return recipient.statusText();
        }
        if (!replies.isEmpty()) {
            return recipient.replyCode();
        }
        if (!kinds.isEmpty()) {
            return report.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!actions.isEmpty()) {
            return recipient.action().keyword();
        }
        return recipient.remoteMta();
    }
}

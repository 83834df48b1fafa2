package org.rebound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The discipline behind a cross-fold score (issue 13, point 7): a corpus is split into folds by the MTA or provider
 * that wrote its files (the file name's prefix, "lhost-postfix-07.eml" is in fold "lhost-postfix"), and each fold is
 * classified only with the knowledge that was not taken from it. An example of a rule is taken from a fold when it is
 * a verbatim copy of that fold's text: its diagnostic, case and white space aside, at least {@link #MIN_COPIED}
 * characters long, occurs in one of the fold's files or parsed diagnostics (shorter ones, "user unknown", prove
 * nothing about where a rule came from). For that fold the rule loses the diagnostic expressions that match such an
 * example, and the rule is left out when none remain or it had none. Strictly, every copied example counts; with
 * the reference at hand, an example that its rule's cited module gives verbatim (a phrase of a Sisimai table) is
 * counted as taken from that module, not from the fold. Only the module's code gives (see {@link #moduleCode}):
 * its comments and its documentation quote sample bounces, often the very lines of the corpus, and a line quoted
 * there is no more general than the file it came from.
 */
public final class CrossFold {

    /** The shortest example that, found in a fold's text, counts as copied from it. */
    public static final int MIN_COPIED = 20;

    private CrossFold() {
    }

    /** The fold of a corpus file: its name without the trailing "-NN.eml". */
    public static String foldOf(String fileName) {
        String name = fileName.endsWith(".eml") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int dash = name.lastIndexOf('-');
        return dash > 0 && name.substring(dash + 1).chars().allMatch(Character::isDigit) ? name.substring(0, dash) : name;
    }

    /** Lower case, every run of white space one space: how an example and a fold's text are compared. */
    public static String normalised(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !sb.isEmpty();
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The code of a Perl module, lower case, without its comments and without what follows __END__ (the POD): what
     * its tables say, not the sample bounces its comments quote. A '#' inside a quoted string is kept; a line is
     * cut at the first '#' outside quotes.
     */
    public static String moduleCode(String perlSource) {
        StringBuilder sb = new StringBuilder(perlSource.length());
        for (String line : perlSource.split("\n", -1)) {
            if (line.equals("__END__")) {
                break;
            }
            char quote = 0;
            int end = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '#' && (i == 0 || line.charAt(i - 1) != '$')) {
                    end = i;
                    break;
                }
            }
            sb.append(line, 0, end).append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The examples of a rule that were copied from the fold's (normalised) text, except those its source gives
     * (fromSource: an example found verbatim in the reference module the rule cites was taken from there).
     */
    public static List<RuleExample> copiedExamples(Rule rule, String normalisedFoldText,
                                                   Predicate<RuleExample> fromSource) {
        List<RuleExample> copied = new ArrayList<>();
        for (RuleExample e : rule.examples()) {
            String example = normalised(e.diagnostic());
            if (example.length() >= MIN_COPIED && normalisedFoldText.contains(example) && !fromSource.test(e)) {
                copied.add(e);
            }
        }
        return copied;
    }

    /**
     * The rule without the knowledge a fold gave it: the diagnostic expressions that match an example copied from
     * the fold. Empty when nothing is left: a rule whose only expressions came from the fold, or a rule without
     * expressions whose example was copied (what it was written from cannot be told apart).
     */
    public static Optional<Rule> withoutCopied(Rule rule, List<RuleExample> copied) {
        if (copied.isEmpty()) {
            return Optional.of(rule);
        }
        Conditions c = rule.conditions();
        List<Pattern> kept = new ArrayList<>();
        for (Pattern p : c.diagnostic()) {
            if (copied.stream().noneMatch(e -> p.matcher(e.diagnostic()).find())) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Conditions fewer = new Conditions(c.kinds(), c.parsers(), c.actions(), c.commands(), c.statuses(), c.replies(), kept,
                c.remoteMta(), c.provider());
        return Optional.of(new Rule(rule.id(), rule.reason(), rule.source(), fewer, rule.examples(), rule.file(),
                rule.line()));
    }
}

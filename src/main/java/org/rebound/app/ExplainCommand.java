package org.rebound.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rebound.classify.Classification;
import org.rebound.classify.Classifier;
import org.rebound.classify.Competition;
import org.rebound.classify.Explanation;
import org.rebound.classify.Rule;
import org.rebound.classify.RuleMatch;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Shows why each recipient of a returned message was classified as it was: what the parser read, the rule that
 * decided (its id, source and file line), the text it matched, the result, and every other rule that matched and
 * why it lost. The tool an operator uses before
 * writing a rule of their own.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the classification of each recipient in returned messages (.eml files, folders, mbox).")
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, folders of .eml files, or mbox files.")
    List<Path> paths;

    @Override
    public Integer call() {
        ReportParser parser = new ReportParser();
        Classifier classifier = new Classifier();
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        int failures = 0;
        for (ParseCommand.MailFile mail : ParseCommand.MailFile.readAll(paths)) {
            try {
                BounceReport report = parser.parse(mail.bytes());
                out.printf("%s: kind %s, parser %s, %d recipient(s)%n", mail.name(),
                        report.kind().name().toLowerCase(java.util.Locale.ROOT), report.parser(),
                        report.recipients().size());
                for (RecipientStatus r : report.recipients()) {
                    print(out, r, classifier.explain(report, r), classifier.compete(report, r));
                }
            } catch (UnparseableMessageException e) {
                failures++;
                out.printf("%s: cannot parse: %s%n", mail.name(), e.getMessage());
            }
            out.println();
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, RecipientStatus r, Explanation e, Competition competition) {
        Classification c = e.classification();
        out.printf("  recipient:    %s%n", r.finalRecipient());
        out.printf("  action:       %s%n", r.action().keyword());
        out.printf("  status:       %s%n", r.statusText());
        out.printf("  reply code:   %s%n", r.replyCode());
        out.printf("  remote MTA:   %s%n", r.remoteMta());
        out.printf("  diagnostic:   %s%n", r.diagnostic());
        out.printf("  rule:         %s%s%n", c.ruleId(), e.rule().map(rule -> " (" + rule.location() + ")").orElse(""));
        out.printf("  source:       %s%n", e.rule().map(Rule::source).orElse("no rule matched"));
        out.printf("  matched:      %s%n", c.matchedText());
        out.printf("  reason:       %s%n", c.reason().label());
        out.printf("  type:         %s%n", c.type().label());
        out.printf("  fault:        %s%n", c.fault().label());
        out.printf("  category:     %s%n", c.reason().category().label());
        out.printf("  quarantine:   %s%n", c.countsTowardQuarantine() ? "counts" : "does not count");
        printCompetition(out, competition);
    }

    /** Every rule that matched, and why the first decided: the question an operator asks before adding a rule. */
    private static void printCompetition(PrintWriter out, Competition competition) {
        List<RuleMatch> matches = competition.matches();
        out.printf("  competed:     %d rule(s) matched; the first in book order decides%n", matches.size());
        for (int i = 0; i < matches.size(); i++) {
            RuleMatch m = matches.get(i);
            Rule rule = m.rule();
            out.printf("    %s %s (%s) %s on \"%s\"%s%n", i == 0 ? "won: " : "lost:", rule.id(), rule.location(),
                    rule.reason().label(), m.matchedText(),
                    i == 0 ? "" : ": " + Competition.whyBeats(matches.get(0).rule(), rule));
        }
    }
}

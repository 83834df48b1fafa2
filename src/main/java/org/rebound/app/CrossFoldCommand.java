package org.rebound.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.rebound.classify.Classification;
import org.rebound.classify.Classifier;
import org.rebound.classify.CrossFold;
import org.rebound.classify.Rule;
import org.rebound.classify.RuleBook;
import org.rebound.classify.RuleBookLoader;
import org.rebound.classify.RuleExample;
import org.rebound.classify.RuleFiles;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scores the shipped rule book on a corpus twice: whole (every rule), and cross-fold (each fold of files, one per
 * MTA or provider, classified without the rules whose examples were copied from that fold; see CrossFold). A gap
 * wider than three points says the rules fit the files rather than what servers say. The figures are those of
 * ../shared/tools/score-corpus: rows matched on file and recipient, status, reason and hard/not-hard compared.
 */
@Command(name = "crossfold", mixinStandardHelpOptions = true,
        description = "Score the rule book on a corpus (EML folder + expected.tsv), whole and cross-fold by MTA.")
public final class CrossFoldCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CORPUS",
            description = "A folder with eml/ (the returned messages) and expected.tsv (file, recipient, status, "
                    + "reply_code, reason, hard_bounce, ...).")
    Path corpus;

    @Option(names = "--reference", paramLabel = "DIR", description = "The reference library (a folder holding "
            + "Sisimai/...): an example its rule's cited module gives verbatim is then taken from there, not from a "
            + "fold; without it, every example found in a fold counts as copied (strict).")
    Path reference;

    @Option(names = "--verbose", description = "List, per fold, the rules left out and the copied example.")
    boolean verbose;

    /** One expected row and what was read for it: the report and recipient, when the parser found them. */
    private record Row(String file, String recipient, String status, String reason, boolean hard) {
    }

    /** Tallies of one score line. */
    private static final class Score {
        int rows;
        int found;
        int status;
        int reason;
        int hard;

        void add(Score s) {
            rows += s.rows;
            found += s.found;
            status += s.status;
            reason += s.reason;
            hard += s.hard;
        }

        String line() {
            return String.format(Locale.ROOT, "rows=%d found=%.3f status=%.3f reason=%.3f hard=%.3f", rows,
                    rate(found), rate(status), rate(reason), rate(hard));
        }

        double rate(int n) {
            return rows == 0 ? 0 : (double) n / rows;
        }
    }

    private record Parsed(BounceReport report, Map<String, RecipientStatus> byRecipient, String text) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        RuleBook book = new RuleBookLoader().load(RuleFiles.configured().read());
        Map<String, List<Row>> folds = new TreeMap<>();
        for (Row row : expected(corpus.resolve("expected.tsv"))) {
            folds.computeIfAbsent(CrossFold.foldOf(row.file()), f -> new ArrayList<>()).add(row);
        }
        ReportParser parser = new ReportParser();
        Map<String, Parsed> parsed = new HashMap<>();
        Score whole = new Score();
        Score cross = new Score();
        out.printf("fold\trules with copied examples\twhole\tcross-fold%n");
        for (Map.Entry<String, List<Row>> fold : folds.entrySet()) {
            StringBuilder foldText = new StringBuilder();
            for (Row row : fold.getValue()) {
                Parsed p = parsed.computeIfAbsent(row.file(), f -> parse(parser, corpus.resolve("eml").resolve(f)));
                if (foldText.indexOf(row.file() + "\u0000") < 0) {
                    foldText.append(row.file()).append('\u0000').append(p.text()).append('\n');
                    p.byRecipient().values().forEach(r -> foldText.append(r.diagnostic()).append('\n'));
                }
            }
            String text = CrossFold.normalised(foldText.toString());
            List<Rule> kept = new ArrayList<>();
            int changed = 0;
            for (Rule rule : book.rules()) {
                List<RuleExample> copied = CrossFold.copiedExamples(rule, text, e -> fromCitedModule(rule, e));
                Optional<Rule> left = CrossFold.withoutCopied(rule, copied);
                left.ifPresent(kept::add);
                if (!copied.isEmpty()) {
                    changed++;
                    if (verbose) {
                        out.printf("  %s: %s (%s) %s, copied \"%s\"%n", fold.getKey(), rule.id(), rule.location(),
                                left.isEmpty() ? "left out" : "loses " + (rule.conditions().diagnostic().size()
                                        - left.get().conditions().diagnostic().size()) + " expression(s)",
                                copied.get(0).diagnostic());
                    }
                }
            }
            RuleBook foldBook = new RuleBook(kept);
            Score w = score(fold.getValue(), parsed, new Classifier(book));
            Score c = score(fold.getValue(), parsed, new Classifier(foldBook));
            if (verbose) {
                misses(out, fold.getValue(), parsed, new Classifier(foldBook));
            }
            whole.add(w);
            cross.add(c);
            out.printf("%s\t%d\t%s\t%s%n", fold.getKey(), changed, w.line(), c.line());
        }
        out.printf("whole:      %s%n", whole.line());
        out.printf("cross-fold: %s%n", cross.line());
        out.printf("gap (reason): %.1f points%n", 100 * (whole.rate(whole.reason) - cross.rate(cross.reason)));
        out.flush();
        return 0;
    }

    private static Score score(List<Row> rows, Map<String, Parsed> parsed, Classifier classifier) {
        Score s = new Score();
        for (Row row : rows) {
            s.rows++;
            Parsed p = parsed.get(row.file());
            RecipientStatus r = p.byRecipient().get(row.recipient());
            if (r == null) {
                continue;
            }
            s.found++;
            Classification c = classifier.classify(p.report(), r);
            s.status += row.status().isEmpty() || r.statusText().equals(row.status()) ? 1 : 0;
            s.reason += c.reason().label().equals(row.reason()) ? 1 : 0;
            s.hard += (c.type().label().equals("hard")) == row.hard() ? 1 : 0;
        }
        return s;
    }

    private final Map<String, String> modules = new HashMap<>();

    /**
     * Whether the module a rule cites ("lib/Sisimai/Rhost/Google.pm") gives the example verbatim in its code (its
     * tables, not its comments: CrossFold.moduleCode), case aside.
     */
    private boolean fromCitedModule(Rule rule, RuleExample example) {
        if (reference == null) {
            return false;
        }
        java.util.regex.Matcher m = CITED_MODULE.matcher(rule.source());
        String wanted = example.diagnostic().toLowerCase(Locale.ROOT);
        while (m.find()) {
            String module = modules.computeIfAbsent(m.group(1), path -> {
                try {
                    return CrossFold.moduleCode(Files.readString(reference.resolve(path), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return "";
                }
            });
            if (module.contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern CITED_MODULE =
            java.util.regex.Pattern.compile("lib/(Sisimai/[A-Za-z0-9/]+\\.pm)");

    /** The rows the fold's book gets wrong, with the rule that decided: where a general rule is missing. */
    private static void misses(PrintWriter out, List<Row> rows, Map<String, Parsed> parsed, Classifier classifier) {
        for (Row row : rows) {
            Parsed p = parsed.get(row.file());
            RecipientStatus r = p.byRecipient().get(row.recipient());
            if (r != null) {
                Classification c = classifier.classify(p.report(), r);
                if (!c.reason().label().equals(row.reason())) {
                    out.printf("    miss %s want %s got %s by %s: %s %s%n", row.file(), row.reason(),
                            c.reason().label(), c.ruleId(), r.statusText(), r.diagnostic());
                }
            }
        }
    }

    private static Parsed parse(ReportParser parser, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                BounceReport report = parser.parse(bytes);
                Map<String, RecipientStatus> byRecipient = new HashMap<>();
                for (RecipientStatus r : report.recipients()) {
                    byRecipient.putIfAbsent(r.finalRecipient().trim().toLowerCase(Locale.ROOT), r);
                }
                return new Parsed(report, byRecipient, text);
            } catch (UnparseableMessageException e) {
                return new Parsed(null, Map.of(), text);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Row> expected(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(new Row(f[header.indexOf("file")], f[header.indexOf("recipient")].trim().toLowerCase(Locale.ROOT),
                    f[header.indexOf("status")], f[header.indexOf("reason")], f[header.indexOf("hard_bounce")].equals("1")));
        }
        return rows;
    }
}

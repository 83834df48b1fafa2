package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;

/**
 * The shared corpus of real bounces (../shared/corpus/sisimai: Sisimai's test set with its expected results) read
 * as a table: every expected row is parsed and classified, and the share of rows whose reason and hard/soft type
 * agree with Sisimai must not fall below the floors. The rows that disagree are printed, for whoever improves the
 * rules. The rules carry the result: nothing in the rule book names a corpus file or recipient.
 */
class CorpusClassificationTest {

    /** The copy of the shared corpus kept with the tests (with its LICENSE), so that CI runs this table too. */
    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    /**
     * Floors just under the measured agreement (this table: reason 0.973, hard 0.982 with the parser's per-MTA
     * verdicts and the rules' SMTP-stage and provider decisions); the hard floor is the issue's own, 0.98. Raise
     * them as rules improve.
     */
    private static final double REASON_FLOOR = 0.965;
    private static final double HARD_FLOOR = 0.98;

    record Row(String file, String recipient, String reason, boolean hard) {
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final Map<String, Map<String, String[]>> RESULTS = new HashMap<>();

    @BeforeAll
    static void classifyCorpus() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(CORPUS), "corpus copy not present");
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals("file")) {
                ROWS.add(new Row(f[0], f[1].toLowerCase(Locale.ROOT), f[4], f[5].equals("1")));
            }
        }
        ReportParser parser = new ReportParser();
        Classifier classifier = ShippedRules.classifier();
        for (String file : ROWS.stream().map(Row::file).distinct().toList()) {
            Map<String, String[]> byRecipient = new HashMap<>();
            RESULTS.put(file, byRecipient);
            try {
                BounceReport report = parser.parse(read(file));
                for (RecipientStatus r : report.recipients()) {
                    Classification c = classifier.classify(report, r);
                    byRecipient.putIfAbsent(r.finalRecipient().toLowerCase(Locale.ROOT),
                            new String[] {c.reason().label(), c.type().label(), c.ruleId()});
                }
            } catch (Exception e) {
                // an unparseable message yields no rows: every expected row of it counts as a disagreement
            }
        }
    }

    private static byte[] read(String file) throws IOException {
        return Files.readAllBytes(CORPUS.resolve("eml").resolve(file));
    }

    private static double agreement(String what, java.util.function.BiPredicate<Row, String[]> agrees) {
        int ok = 0;
        List<String> misses = new ArrayList<>();
        for (Row row : ROWS) {
            String[] got = RESULTS.getOrDefault(row.file(), Map.of()).get(row.recipient());
            if (got != null && agrees.test(row, got)) {
                ok++;
            } else {
                misses.add(row.file() + " " + row.recipient() + " want " + row.reason() + (row.hard() ? " hard" : "")
                        + " got " + (got == null ? "nothing" : got[0] + " " + got[1] + " by " + got[2]));
            }
        }
        double rate = (double) ok / ROWS.size();
        System.out.printf("corpus %s agreement: %d/%d = %.3f%n", what, ok, ROWS.size(), rate);
        misses.forEach(m -> System.out.println("  " + m));
        return rate;
    }

    @Test
    void reasonAgreesWithSisimaiOnAtLeastTheFloor() {
        double rate = agreement("reason", (row, got) -> got[0].equals(row.reason()));
        assertTrue(rate >= REASON_FLOOR, "reason agreement " + rate + " below " + REASON_FLOOR);
    }

    @Test
    void hardOrSoftAgreesWithSisimaiOnAtLeastTheFloor() {
        double rate = agreement("hard", (row, got) -> got[1].equals("hard") == row.hard());
        assertTrue(rate >= HARD_FLOOR, "hard agreement " + rate + " below " + HARD_FLOOR);
    }
}

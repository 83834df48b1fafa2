package org.rebound.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;

/**
 * Prints the classifier's throughput on one thread over a folder of returned messages (default: the shared
 * corpus), parsed once beforehand so that only classification is timed, and the parse+classify rate for
 * comparison with issue 3's floor (15,000 messages/s). Not a test: run it with
 * {@code java -cp target/rebound.jar:target/test-classes org.rebound.classify.ClassifierBenchmark [FOLDER]}.
 */
public final class ClassifierBenchmark {

    private ClassifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/work/shared/corpus/sisimai/eml");
        List<byte[]> raw = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                raw.add(Files.readAllBytes(p));
            }
        }
        ReportParser parser = new ReportParser();
        List<BounceReport> reports = new ArrayList<>();
        for (byte[] r : raw) {
            try {
                reports.add(parser.parse(r));
            } catch (Exception e) {
                // unparseable messages are not classified
            }
        }
        Classifier classifier = new Classifier();
        int recipients = reports.stream().mapToInt(r -> r.recipients().size()).sum();
        System.out.printf("%d messages, %d recipients, %d rules%n", reports.size(), recipients,
                classifier.ruleBook().rules().size());
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            int passes = 50;
            long start = System.nanoTime();
            for (int pass = 0; pass < passes; pass++) {
                for (BounceReport report : reports) {
                    for (RecipientStatus r : report.recipients()) {
                        sink += classifier.classify(report, r).ruleId().length();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("classify only: %.0f recipients/s (%.1f us each)%n",
                    passes * recipients / seconds, seconds * 1e6 / (passes * recipients));
            start = System.nanoTime();
            int parsePasses = 10;
            int messages = 0;
            for (int pass = 0; pass < parsePasses; pass++) {
                for (byte[] r : raw) {
                    try {
                        BounceReport report = parser.parse(r);
                        messages++;
                        for (RecipientStatus s : report.recipients()) {
                            sink += classifier.classify(report, s).ruleId().length();
                        }
                    } catch (Exception e) {
                        messages++;
                    }
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("parse+classify: %.0f messages/s%n", messages / seconds);
        }
        System.out.println("(checksum " + sink + ")");
    }
}

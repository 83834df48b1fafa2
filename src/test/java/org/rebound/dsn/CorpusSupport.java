package org.rebound.dsn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rebound.app.Mbox;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.dsn.parse.ReportParser;

/** The shared corpus copied under src/test/resources/corpus (Sisimai's set-of-emails, BSD 2-Clause, see LICENSE). */
final class CorpusSupport {

    static final Path ROOT = Path.of("src/test/resources/corpus");
    static final Path EML = ROOT.resolve("eml");

    /** One row of expected.tsv. */
    record Expected(String file, String recipient, String status, String replyCode, String reason) {
        @Override
        public String toString() {
            return file + " " + recipient;
        }
    }

    private CorpusSupport() {
    }

    static List<Expected> expected() {
        try {
            List<Expected> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(ROOT.resolve("expected.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t", -1);
                rows.add(new Expected(c[0], c[1].toLowerCase(), c[2], c[3], c[4]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message of every corpus file, by file name (a file may be an mbox of several). */
    static Map<String, List<byte[]>> messages() {
        try (var files = Files.list(EML)) {
            Map<String, List<byte[]>> all = new HashMap<>();
            for (Path p : files.sorted().toList()) {
                all.put(p.getFileName().toString(), Mbox.messages(Files.readAllBytes(p)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the parser reports for each recipient of a file. */
    static Map<String, RecipientStatus> parse(ReportParser parser, List<byte[]> messages) {
        Map<String, RecipientStatus> byRecipient = new HashMap<>();
        for (byte[] m : messages) {
            try {
                for (RecipientStatus r : parser.parse(m).recipients()) {
                    byRecipient.putIfAbsent(r.finalRecipient(), r);
                }
            } catch (UnparseableMessageException e) {
                // counted as not found
            }
        }
        return byRecipient;
    }
}

package org.rebound.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.classify.Classification;
import org.rebound.classify.Classifier;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints what Rebound reads in returned messages on disk, one row per recipient; needs no database or broker. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse returned messages (.eml files, folders of them, mbox files) and print one row per recipient.")
public final class ParseCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("file", "recipient", "action", "status", "reply_code", "reason",
            "type", "fault", "kind", "feedback_type", "original_message_id", "rule", "original_recipient", "parser");

    enum Format { tsv, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders of .eml files, or mbox files.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "tsv", description = "tsv (default) or json (one object per line).")
    Format format;

    private final ReportParser parser = new ReportParser();
    private final Classifier classifier = new Classifier();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        if (format == Format.tsv) {
            out.println(String.join("\t", COLUMNS));
        }
        int failures = 0;
        for (MailFile mail : MailFile.readAll(paths)) {
            try {
                BounceReport report = parser.parse(mail.bytes());
                for (RecipientStatus recipient : report.recipients()) {
                    print(out, row(mail.name(), report, recipient, classifier.classify(report, recipient)));
                }
            } catch (UnparseableMessageException e) {
                failures++;
                System.err.println(mail.name() + ": " + e.getMessage());
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static Map<String, String> row(String file, BounceReport report, RecipientStatus r, Classification c) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("file", file);
        row.put("recipient", r.finalRecipient());
        row.put("action", r.action().keyword());
        row.put("status", r.statusText());
        row.put("reply_code", r.replyCode());
        row.put("reason", c.reason().label());
        row.put("type", c.type().label());
        row.put("fault", c.fault().label());
        row.put("kind", report.kind().name().toLowerCase());
        row.put("feedback_type", report.feedbackType());
        row.put("original_message_id", report.original().messageId());
        row.put("rule", c.ruleId());
        row.put("original_recipient", r.originalRecipient());
        row.put("parser", report.parser());
        return row;
    }

    private void print(PrintWriter out, Map<String, String> row) throws IOException {
        if (format == Format.json) {
            out.println(json.writeValueAsString(row));
        } else {
            List<String> cells = new ArrayList<>();
            row.values().forEach(v -> cells.add(v.replaceAll("[\\t\\r\\n]+", " ")));
            out.println(String.join("\t", cells));
        }
    }

    /** One message read from disk: a whole .eml file, or one message of an mbox file. */
    record MailFile(String name, byte[] bytes) {

        /**
         * Every message of the paths, in order.
         *
         * @throws UnreadablePathException naming the first path, or file in a folder, that cannot be read
         */
        static List<MailFile> readAll(List<Path> paths) {
            List<MailFile> all = new ArrayList<>();
            for (Path path : paths) {
                try {
                    if (Files.isDirectory(path)) {
                        try (Stream<Path> files = Files.list(path)) {
                            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                                all.addAll(read(file));
                            }
                        }
                    } else {
                        all.addAll(read(path));
                    }
                } catch (IOException e) {
                    throw UnreadablePathException.of(path, e);
                }
            }
            return all;
        }

        private static List<MailFile> read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            return Mbox.isMbox(bytes) ? Mbox.split(name, bytes) : List.of(new MailFile(name, bytes));
        }
    }
}

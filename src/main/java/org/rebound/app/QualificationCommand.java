package org.rebound.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;

import org.rebound.classify.Classifier;
import org.rebound.classify.QualificationEntry;
import org.rebound.classify.QualificationLog;
import org.rebound.classify.QualificationStatus;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The qualification log: lists the most frequent diagnostic patterns that no rule matched, so an operator writes
 * rules for them; marks a pattern keep or ignore; and can scan returned messages on disk into the log.
 */
@Command(name = "qualification", mixinStandardHelpOptions = true,
        description = "List the most frequent unknown diagnostic patterns (the qualification log), mark them, "
                + "or scan returned messages into the log.")
public final class QualificationCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file whose rebound.db.* and rebound.rules.* settings are used "
                    + "(default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--top", defaultValue = "20", description = "How many patterns to list (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--status", description = "List only patterns with this status: to_qualify, keep, ignore.")
    String status;

    @Option(names = "--scan", paramLabel = "PATH", description = "Parse and classify these files, folders or mbox "
            + "files first, recording the diagnostics no rule matched.")
    List<Path> scan;

    @Option(names = "--mark", paramLabel = "STATUS", description = "Set the status of the pattern given with --pattern.")
    String mark;

    @Option(names = "--pattern", description = "The pattern (as listed) that --mark applies to.")
    String pattern;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        // Read the files first: a path that cannot be read stops the command before the database is opened.
        List<ParseCommand.MailFile> scanned = scan == null ? List.of() : ParseCommand.MailFile.readAll(scan);
        Settings settings = Settings.load(config, System.getenv(), System.getProperties());
        try (HikariDataSource ds = ReboundServer.openDatabase(settings)) {
            QualificationLog log = new QualificationLog(ds);
            if (scan != null) {
                out.printf("recorded %d unqualified diagnostics%n",
                        scan(log, ReboundServer.classifier(settings), scanned));
            }
            if (mark != null) {
                if (pattern == null) {
                    System.err.println("--mark needs --pattern");
                    return 2;
                }
                boolean found = log.mark(pattern, QualificationStatus.parse(mark));
                out.println(found ? "marked " + mark + ": " + pattern : "no such pattern: " + pattern);
                out.flush();
                return found ? 0 : 1;
            }
            Optional<QualificationStatus> filter = Optional.ofNullable(status).map(QualificationStatus::parse);
            out.println(String.join("\t", "count", "status", "reason", "last_seen", "pattern", "example"));
            for (QualificationEntry e : log.top(top, filter)) {
                out.println(String.join("\t", Long.toString(e.count()), e.status().label(), e.reason().label(),
                        e.lastSeen().toString(), e.pattern(), e.example().replaceAll("[\\t\\r\\n]+", " ")));
            }
        }
        out.flush();
        return 0;
    }

    private static int scan(QualificationLog log, Classifier classifier, List<ParseCommand.MailFile> mails)
            throws Exception {
        ReportParser parser = new ReportParser();
        int recorded = 0;
        for (ParseCommand.MailFile mail : mails) {
            try {
                BounceReport report = parser.parse(mail.bytes());
                for (RecipientStatus r : report.recipients()) {
                    recorded += log.observe(r, classifier.explain(report, r)) ? 1 : 0;
                }
            } catch (UnparseableMessageException e) {
                System.err.println(mail.name() + ": " + e.getMessage());
            }
        }
        return recorded;
    }
}

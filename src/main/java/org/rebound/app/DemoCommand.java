package org.rebound.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.rebound.dsn.BounceReport;
import org.rebound.events.EventSubscriber;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import org.rebound.mailbox.MailboxAccount;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the real pipeline against real bounces: an embedded POP3 or IMAP server is loaded with the demo messages, the
 * sending system's log is filled with the messages they are bounces of, and Rebound drains the mailbox.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Feed real bounces through Rebound via an embedded POP3 or IMAP server, print a summary and "
                + "exit.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}); the demo replaces the mailbox, "
                    + "the database and the folders with its own under data/demo.")
    Path config;

    @Option(names = "--protocol", defaultValue = "pop3", paramLabel = "pop3|imap",
            description = "How Rebound reads the embedded mailbox: pop3 (deleted at QUIT) or imap (moved to "
                    + "rebound.mailbox.imap.processed-folder) (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--keep-running", description = "Stay up after the mailbox is drained (Ctrl-C to stop).")
    boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Give up when the mailbox is not drained after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    private static final Path DEMO_DATA = Path.of("data", "demo");

    @Override
    public Integer call() throws Exception {
        deleteRecursively(DEMO_DATA);
        MailboxAccount.Protocol served = switch (protocol) {
            case "pop3" -> MailboxAccount.Protocol.POP3;
            case "imap" -> MailboxAccount.Protocol.IMAP;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--protocol must be pop3 or imap, not '" + protocol + "'");
        };
        List<byte[]> messages = demoMessages();
        try (DemoMailbox mailbox = new DemoMailbox(served)) {
            Settings settings = mailbox.configure(Settings.load(config, System.getenv(), System.getProperties()))
                    .with("rebound.db.url", "jdbc:h2:file:./" + DEMO_DATA + "/rebound")
                    .with("rebound.db.user", "sa")
                    .with("rebound.db.password", "")
                    .with("rebound.dead-letter.dir", DEMO_DATA.resolve("dead-letter").toString())
                    .with("rebound.jms.embedded.data-dir", DEMO_DATA.resolve("artemis").toString())
                    .with("rebound.mailbox.poll-delay", "200")
                    // Reputation checked every second, so that the demo's campaigns raise their alerts at once.
                    .with("rebound.reputation.check-period", "1000")
                    // The demo drains the mailbox: what is not a bounce goes to the dead-letter folder too.
                    .with("rebound.non-bounce.policy", "dead-letter");
            try (ReboundServer server = ReboundServer.start(settings);
                 EventSubscriber events = EventSubscriber.subscribe(server.jmsConnectionFactory(),
                         settings.text("rebound.jms.topic"));
                 EventSubscriber alerts = EventSubscriber.subscribe(server.jmsConnectionFactory(),
                         settings.text("rebound.reputation.alert-topic"))) {
                int sent = logSentMessages(server.dataSource(), messages);
                Instant started = Instant.now();
                messages.forEach(mailbox::deliver);
                PipelineSummary summary = PipelineSummary.awaitDrained(server, mailbox, events, messages.size(),
                        Duration.ofSeconds(timeoutSeconds));
                summary.print(System.out, sent, Duration.between(started, Instant.now()));
                PipelineSummary.printRoutes(System.out, server.camelContext());
                AlertSummary.awaitPublished(server.dataSource(), alerts, Duration.ofSeconds(10)).print(System.out);
                if (keepRunning) {
                    System.out.println();
                    System.out.println("Rebound answers at:");
                    ServerUrls.of(settings).print(System.out);
                    System.out.println("Still running (--keep-running): Ctrl-C to stop.");
                    server.awaitShutdown();
                }
                return summary.drained() ? 0 : 1;
            }
        }
    }

    static List<byte[]> demoMessages() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        for (String name : resource("messages.txt").lines().filter(l -> !l.isBlank()).toList()) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name.trim())) {
                if (in == null) {
                    throw new IOException("demo message missing from the jar: " + name);
                }
                messages.add(in.readAllBytes());
            }
        }
        return messages;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("demo resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Plays the sending system: one sent_message row per recipient of each demo bounce that names its original
     * Message-ID, as a real sender's log would hold. Bounces without one stay uncorrelated, as they would.
     */
    static int logSentMessages(DataSource dataSource, List<byte[]> messages) throws SQLException {
        ReportParser parser = new ReportParser();
        OffsetDateTime sentAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        int rows = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sent_message (message_id, recipient, delivery_id, sent_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < messages.size(); i++) {
                BounceReport report;
                try {
                    report = parser.parse(messages.get(i));
                } catch (UnparseableMessageException e) {
                    continue;
                }
                if (report.original().messageId().isEmpty()) {
                    continue;
                }
                for (RecipientStatus r : report.recipients()) {
                    s.setString(1, report.original().messageId());
                    s.setString(2, r.finalRecipient());
                    s.setString(3, "demo-delivery-" + (1 + i % 3));
                    s.setObject(4, sentAt);
                    s.addBatch();
                    rows++;
                }
            }
            s.executeBatch();
        }
        return rows;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

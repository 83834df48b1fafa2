package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rebound.mailbox.MailboxAccount;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;
import org.rebound.bench.Pop3Tap;
import org.rebound.events.EventSubscriber;
import org.rebound.events.EmbeddedBroker;
import org.rebound.events.WorkQueueAddresses;
import org.rebound.events.BrokerLogin;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.rebound.dsn.FieldLimits;

/**
 * Hostile mail among real bounces, through the real pipeline (GreenMail POP3 on loopback behind a tap that counts
 * the client's commands, the embedded broker, H2 and the local PostgreSQL): no message stops the others. All of it
 * arrives in one window, so a message the database refuses makes the window fail and its culprit must be isolated.
 */
class PoisonMailboxIT {

    static final String TRIGGER_VICTIM = "trigger-victim@recipient.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REAL_BOUNCES = 40;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends HostileMailbox {
        @Override
        TestDatabase database() {
            return TestDatabase.h2();
        }

        @Override
        void rejectTheVictimsRow(Statement s) throws SQLException {
            s.execute("CREATE TRIGGER reject_victim BEFORE INSERT ON bounce_event FOR EACH ROW CALL '"
                    + RejectVictim.class.getName() + "'");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2OverImap extends OnH2 {
        @Override
        MailboxAccount.Protocol protocol() {
            return MailboxAccount.Protocol.IMAP;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends HostileMailbox {
        @Override
        TestDatabase database() throws SQLException {
            return TestDatabase.postgres("rebound_poison");
        }

        @Override
        void rejectTheVictimsRow(Statement s) throws SQLException {
            s.execute("CREATE FUNCTION reject_victim() RETURNS trigger AS $$ BEGIN IF NEW.recipient = '"
                    + TRIGGER_VICTIM + "' THEN RAISE EXCEPTION 'the test''s trigger rejects this row'; END IF; "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER reject_victim BEFORE INSERT ON bounce_event FOR EACH ROW "
                    + "EXECUTE FUNCTION reject_victim()");
        }
    }

    /**
     * The dead-letter folder cannot be written (its path is a file): the bounce that needs it stays in the mailbox,
     * held back and reported by health, while the good bounce beside it is stored; once the folder is repaired, the
     * held message goes through at its next try, without a restart.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BrokenDeadLetterFolder {

        private RunningRebound rebound;
        private Pop3Tap tap;
        private Path deadLetters;
        private int mailboxWhileBroken;
        private int sessionsInFiveSecondsWhileBroken;
        private HealthCheck.Result healthWhileBroken;
        private HealthCheck.Result healthAfterRepair;

        @BeforeAll
        void breakTheFolderThenRepairIt() throws Exception {
            rebound = RunningRebound.start(TestDatabase.h2(), s -> {
                tap = tapInFrontOf(s);
                deadLetters = Path.of(s.text("rebound.dead-letter.dir"));
                return s.with("rebound.mailbox.port", Integer.toString(tap.port()))
                        .with("rebound.mailbox.poll-delay", "1000")
                        .with("rebound.mailbox.backoff-max", "PT8S");
            });
            Files.createDirectories(deadLetters.getParent());
            Files.writeString(deadLetters, "a file where the dead-letter folder should be");
            rebound.logSent("good@sender.example", "good@recipient.example", "winter", null);
            rebound.mailbox.deliver(TestMail.dsn("never-sent@sender.example",
                    List.of(new Failure("stranger@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            rebound.mailbox.deliver(TestMail.dsn("good@sender.example",
                    List.of(new Failure("good@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            RunningRebound.await("the good bounce stored", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 1);
            RunningRebound.await("the pipeline reported DOWN", Duration.ofSeconds(30),
                    () -> pipelineHealth(rebound).getState() == HealthCheck.State.DOWN);
            int before = tap.sessions();
            Thread.sleep(5_000);
            sessionsInFiveSecondsWhileBroken = tap.sessions() - before;
            mailboxWhileBroken = rebound.mailbox.messageCount();
            healthWhileBroken = pipelineHealth(rebound);

            Files.delete(deadLetters);
            RunningRebound.await("the held message dead-lettered after the repair", Duration.ofSeconds(60),
                    () -> rebound.mailbox.messageCount() == 0);
            RunningRebound.await("the pipeline reported UP", Duration.ofSeconds(30),
                    () -> pipelineHealth(rebound).getState() == HealthCheck.State.UP);
            healthAfterRepair = pipelineHealth(rebound);
        }

        @AfterAll
        void stop() throws Exception {
            stopBoth(rebound, tap);
        }

        @Test
        void theMessageThatCannotBeDeadLetteredStaysInTheMailbox() {
            assertEquals(1, mailboxWhileBroken);
        }

        @Test
        void healthSaysWhyWhileAMessageCannotBeRecorded() {
            assertEquals(HealthCheck.State.DOWN, healthWhileBroken.getState());
            assertTrue(healthWhileBroken.getMessage().orElse("").contains("neither recorded nor dead-lettered"),
                    healthWhileBroken.getMessage().toString());
        }

        @Test
        void theHeldMessageIsNotFetchedInALoop() {
            // A poll every second at most (rebound.mailbox.poll-delay): no greedy loop on a message skipped.
            assertTrue(sessionsInFiveSecondsWhileBroken <= 6, sessionsInFiveSecondsWhileBroken + " sessions in 5 s");
        }

        @Test
        void theHeldMessageIsDeadLetteredOnceTheFolderIsRepaired() throws Exception {
            try (Stream<Path> files = Files.list(deadLetters)) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".eml")).count());
            }
        }

        @Test
        void healthIsUpAgainOnceTheHeldMessageWentThrough() {
            assertEquals(HealthCheck.State.UP, healthAfterRepair.getState());
        }
    }

    /**
     * An external broker goes away mid-run (behind a proxy the test cuts) and comes back: bounces are still stored
     * and hostile mail dead-lettered, their events wait in the outbox, the health check names the broker and the
     * pipeline goes on; afterwards every event reaches the topic.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileTheBrokerIsDown {

        private static final int BOUNCES = 5;
        private static final BrokerLogin PUBLISHER = new BrokerLogin("rebound", "external-publisher-password");
        private static final WorkQueueAddresses WORK_QUEUE = new WorkQueueAddresses("rebound.raw-messages",
                "rebound.raw-messages.dead-letters");
        private static final BrokerLogin SUBSCRIBER = new BrokerLogin("subscriber", "external-subscriber-password");

        private EmbeddedBroker broker;
        private TcpProxy proxy;
        private RunningRebound rebound;
        private EventSubscriber outside;
        private int pendingDuringOutage;
        private HealthCheck.Result brokerDuringOutage;
        private HealthCheck.Result pipelineDuringOutage;

        @BeforeAll
        void cutTheBrokerThenRestoreIt() throws Exception {
            int brokerPort = DemoMailbox.freePort();
            Path dir = Files.createTempDirectory("external-broker");
            broker = new EmbeddedBroker("127.0.0.1", brokerPort, dir.toString(), WORK_QUEUE, PUBLISHER,
                    Optional.of(SUBSCRIBER));
            proxy = new TcpProxy(brokerPort);
            rebound = RunningRebound.start(TestDatabase.h2(), s -> s.with("rebound.jms.embedded", "false")
                    .with("rebound.jms.user", PUBLISHER.user()).with("rebound.jms.password", PUBLISHER.password())
                    .with("rebound.jms.url", "tcp://127.0.0.1:" + proxy.port() + "?callTimeout=5000&clientFailureCheckPeriod=2000&connectionTTL=6000"));
            outside = EventSubscriber.subscribe(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                            SUBSCRIBER.user(), SUBSCRIBER.password()),
                    "rebound.bounces");
            for (int i = 0; i < BOUNCES; i++) {
                rebound.logSent("b" + i + "@sender.example", "r" + i + "@recipient.example", "winter", null);
            }
            proxy.cut();
            for (int i = 0; i < BOUNCES; i++) {
                rebound.mailbox.deliver(TestMail.dsn("b" + i + "@sender.example",
                        List.of(new Failure("r" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            }
            rebound.mailbox.deliver(TestMail.dsn("hostile@sender.example", manyFailures(1_001)));
            rebound.mailbox.deliver(TestMail.dsn("hostile@sender.example", List.of(new Failure(
                    "x".repeat(400) + "@recipient.example", "5.1.1", "550 5.1.1 unknown"))));
            RunningRebound.await("the bounces stored while the broker is away", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == BOUNCES
                            && rebound.count("SELECT COUNT(*) FROM received_message") == BOUNCES + 2);
            Thread.sleep(1_000);
            pendingDuringOutage = rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
            brokerDuringOutage = health("broker");
            pipelineDuringOutage = health("pipeline");

            proxy.restore();
            RunningRebound.await("every event on the topic, and marked sent", Duration.ofSeconds(60),
                    () -> outside.count() >= BOUNCES
                            && rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL") == 0);
        }

        @AfterAll
        void stop() throws Exception {
            outside.close();
            rebound.close();
            proxy.close();
            broker.close();
        }

        @Test
        void eventsWaitInTheOutboxWhileTheBrokerIsAway() {
            assertEquals(BOUNCES, pendingDuringOutage);
        }

        @Test
        void healthCheckNamesTheBrokerAsTheCause() {
            assertEquals(HealthCheck.State.DOWN, brokerDuringOutage.getState());
            assertTrue(brokerDuringOutage.getMessage().orElse("").startsWith("broker unreachable"),
                    brokerDuringOutage.getMessage().toString());
        }

        @Test
        void hostileMailIsDeadLetteredWhileTheBrokerIsAway() {
            assertEquals(2, rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'DEAD_LETTERED'"));
        }

        @Test
        void thePipelineIsNotHeldUpByTheBroker() {
            assertEquals(HealthCheck.State.UP, pipelineDuringOutage.getState());
        }

        @Test
        void everyEventReachesTheTopicOnceTheBrokerIsBack() {
            assertEquals(BOUNCES, new HashSet<>(outside.received()).size());
            assertEquals(0, rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL"));
        }

        private HealthCheck.Result health(String id) {
            return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck(id)
                    .map(check -> ((HealthCheck) check).call()).orElseThrow();
        }
    }

    static Pop3Tap tapInFrontOf(Settings settings) {
        try {
            Pop3Tap tap = new Pop3Tap(Integer.parseInt(settings.text("rebound.mailbox.port")));
            tap.open();
            return tap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Rebound, then the tap in front of its mailbox; either may not have started. */
    static void stopBoth(RunningRebound rebound, Pop3Tap tap) throws Exception {
        try (AutoCloseable t = tap) {
            if (rebound != null) {
                rebound.close();
            }
        }
    }

    static HealthCheck.Result pipelineHealth(RunningRebound rebound) {
        return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck("pipeline")
                .map(check -> ((HealthCheck) check).call()).orElseThrow();
    }

    /** H2's form of the PostgreSQL trigger: rejects the victim's bounce_event row (recipient is the 4th column). */
    public static final class RejectVictim implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            if (TRIGGER_VICTIM.equals(newRow[3])) {
                throw new SQLException("the test's trigger rejects this row");
            }
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class HostileMailbox {

        private RunningRebound rebound;
        private Pop3Tap tap;
        private int delivered;
        private Optional<HealthCheck.Result> healthAfter = Optional.empty();

        abstract TestDatabase database() throws SQLException;

        abstract void rejectTheVictimsRow(Statement s) throws SQLException;

        /** The protocol the mailbox is read with; over POP3, a tap counts the client's commands. */
        MailboxAccount.Protocol protocol() {
            return MailboxAccount.Protocol.POP3;
        }

        @BeforeAll
        void drainAHostileMailbox() throws Exception {
            rebound = RunningRebound.start(database(), protocol(), s -> {
                Settings limited = s.with("rebound.parsing.max-message-bytes", Integer.toString(256 * 1024));
                if (protocol().imap()) {
                    return limited;
                }
                tap = tapInFrontOf(s);
                return limited.with("rebound.mailbox.port", Integer.toString(tap.port()));
            });
            try (Connection c = rebound.server.dataSource().getConnection(); Statement s = c.createStatement()) {
                rejectTheVictimsRow(s);
            }
            for (String id : List.of("good-1", "good-2", "good-3", "long-diagnostic", "nul-diagnostic", "victim")) {
                rebound.logSent(id + "@sender.example",
                        id.equals("victim") ? TRIGGER_VICTIM : id + "@recipient.example", "winter", null);
            }
            List<Path> corpus;
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus/eml"))) {
                corpus = files.sorted().limit(REAL_BOUNCES).toList();
            }
            List<byte[]> hostile = List.of(
                    TestMail.dsn("long-diagnostic@sender.example", List.of(new Failure(
                            "long-diagnostic@recipient.example", "5.1.1", "550 5.1.1 " + "no such user ".repeat(5_400)))),
                    TestMail.dsn("nul-diagnostic@sender.example", List.of(new Failure(
                            "nul-diagnostic@recipient.example", "5.1.1", "550 5.1.1 no\u0000such user"))),
                    TestMail.dsn("invalid@sender.example", List.of(new Failure(
                            "x".repeat(400) + "@recipient.example", "5.1.1", "550 5.1.1 unknown"))),
                    TestMail.dsn("many@sender.example", manyFailures(1_001)),
                    TestMail.dsn("victim@sender.example", List.of(new Failure(TRIGGER_VICTIM, "5.1.1",
                            "550 5.1.1 unknown"))),
                    oversized());
            int h = 0;
            for (int i = 0; i < corpus.size(); i++) {
                byte[] raw = Files.readAllBytes(corpus.get(i));
                rebound.mailbox.deliver(raw);
                if (i % 8 == 0 && h < hostile.size()) {
                    rebound.mailbox.deliver(hostile.get(h++));
                }
            }
            while (h < hostile.size()) {
                rebound.mailbox.deliver(hostile.get(h++));
            }
            for (String id : List.of("good-1", "good-2", "good-3")) {
                rebound.mailbox.deliver(TestMail.dsn(id + "@sender.example",
                        List.of(new Failure(id + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            }
            delivered = REAL_BOUNCES + hostile.size() + 3;
            RunningRebound.await("every message handled", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM received_message") >= delivered);
            RunningRebound.await("the mailbox to keep only what is kept", Duration.ofSeconds(30),
                    () -> rebound.mailbox.messageCount()
                            == rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'KEPT'"));
            healthAfter = Optional.of(pipelineHealth(rebound));
        }

        @AfterAll
        void stop() throws Exception {
            stopBoth(rebound, tap);
        }

        @Test
        void goodBouncesAreStoredDespiteThePoisonInTheirWindow() throws SQLException {
            assertEquals(List.of("good-1@recipient.example", "good-2@recipient.example", "good-3@recipient.example",
                            "long-diagnostic@recipient.example", "nul-diagnostic@recipient.example"),
                    rebound.rows("SELECT recipient FROM bounce_event WHERE delivery_id = 'winter' ORDER BY recipient"));
        }

        @Test
        void everyMessageIsRecordedDeadLetteredOrKeptOnce() {
            assertEquals(delivered, rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome IN "
                    + "('RECORDED', 'DEAD_LETTERED', 'KEPT')"));
        }

        @Test
        void aLongDiagnosticIsStoredCutWithAMarker() throws SQLException {
            String stored = rebound.rows("SELECT diagnostic FROM bounce_event WHERE recipient = "
                    + "'long-diagnostic@recipient.example'").get(0);
            assertEquals(FieldLimits.DIAGNOSTIC, stored.length());
            assertTrue(stored.endsWith("characters; the raw message has them all]"), stored.substring(3900));
        }

        @Test
        void aRecipientThatCannotBeAnAddressIsDeadLetteredWithTheReason() throws Exception {
            assertTrue(deadLetterMessages("unreadable").stream().anyMatch(m -> m.contains("invalid recipient")),
                    deadLetterMessages("unreadable").toString());
        }

        @Test
        void aReportNamingTooManyRecipientsIsDeadLetteredWithTheReason() throws Exception {
            assertTrue(deadLetterMessages("unreadable").stream()
                    .anyMatch(m -> m.contains("1001 recipients, more than rebound.parsing.max-recipients")));
        }

        @Test
        void aRowTheDatabaseRejectsDeadLettersOnlyItsOwnMessage() throws Exception {
            List<String> unrecordable = deadLetterMessages("unrecordable");
            assertEquals(1, unrecordable.size(), unrecordable.toString());
            assertTrue(unrecordable.get(0).contains("the test's trigger rejects this row"), unrecordable.get(0));
        }

        @Test
        void anOversizedMessageIsDeadLetteredFromItsHeadersAlone() throws Exception {
            List<String> tooLarge = deadLetterMessages("too-large");
            assertEquals(1, tooLarge.size());
            assertTrue(tooLarge.get(0).contains("over rebound.parsing.max-message-bytes"), tooLarge.get(0));
        }

        @Test
        void anOversizedMessageIsNeverDownloaded() {
            assumeFalse(protocol().imap(), "the tap counts POP3 commands");
            // RETR for every message but the oversized one, which is read with TOP.
            Map<String, Integer> commands = tap.commandCounts();
            assertEquals(1, commands.getOrDefault("TOP", 0), commands.toString());
        }

        @Test
        void theMailboxKeepsOnlyWhatIsKeptOnPurpose() {
            assertEquals(rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'KEPT'"),
                    rebound.mailbox.messageCount());
        }

        @Test
        void healthIsUpOnceEveryMessageIsHandled() {
            assertEquals(HealthCheck.State.UP, healthAfter.orElseThrow().getState(),
                    healthAfter.flatMap(HealthCheck.Result::getMessage).orElse(""));
        }

        /** The sidecar messages of the dead letters with this reason. */
        private List<String> deadLetterMessages(String reason) throws Exception {
            List<String> messages = new ArrayList<>();
            try (Stream<Path> files = Files.list(rebound.work.resolve("dead-letter"))) {
                for (Path sidecar : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    JsonNode node = JSON.readTree(sidecar.toFile());
                    if (node.get("reason").asText().equals(reason)) {
                        messages.add(node.get("message").asText());
                    }
                }
            }
            return messages;
        }
    }

    static List<Failure> manyFailures(int n) {
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            failures.add(new Failure("r" + i + "@many.example", "5.1.1", "550 5.1.1 unknown"));
        }
        return failures;
    }

    /** A 2 MB message, eight times the test's size limit: a DSN with a large attachment. */
    static byte[] oversized() {
        String head = "From: MAILER-DAEMON@mx.sender.example\r\nTo: bounces@bounces.sender.example\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <huge@mx.sender.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n";
        StringBuilder body = new StringBuilder(2 * 1024 * 1024 + 100);
        while (body.length() < 2 * 1024 * 1024) {
            body.append("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }
}

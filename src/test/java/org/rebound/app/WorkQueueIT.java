package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.rebound.app.TestMail.Failure;
import org.rebound.events.EmbeddedBroker;

/**
 * rebound.workers.mode=queue end to end: the shipped routes, a real POP3 server, the embedded Artemis broker and H2.
 * The poller hands each window's raw messages to the durable work queue and lets them leave the mailbox; a worker
 * (here the same instance) takes them from the queue and records them as the inline pipeline does.
 */
class WorkQueueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "rebound.raw-messages";

    private static RunningRebound start(boolean worker) throws Exception {
        return RunningRebound.start(TestDatabase.h2(), s -> s.with("rebound.workers.mode", "queue")
                .with("rebound.workers.enabled", Boolean.toString(worker))
                .with("rebound.workers.queue", QUEUE)
                .with("rebound.non-bounce.policy", "dead-letter"));
    }

    @Test
    void aWorkerRecordsWhatThePollerQueuedAndItsEventsArePublished() throws Exception {
        try (RunningRebound rebound = start(true)) {
            rebound.logSent("m1@sender.example", "gone@recipient.example", "november-offers", null);
            rebound.logSent("m2@sender.example", "full@recipient.example", "november-offers", null);
            rebound.mailbox.deliver(TestMail.dsn("m1@sender.example", List.of(new Failure("gone@recipient.example",
                    "5.1.1", "550 5.1.1 User unknown"))));
            rebound.mailbox.deliver(TestMail.dsn("m2@sender.example", List.of(new Failure("full@recipient.example",
                    "4.2.2", "452 4.2.2 Mailbox full"))));

            RunningRebound.await("2 events on the topic", Duration.ofSeconds(60),
                    () -> rebound.subscriber.count() >= 2);

            assertEquals(List.of("full@recipient.example|mailboxfull", "gone@recipient.example|userunknown"),
                    rebound.rows("SELECT recipient || '|' || reason FROM bounce_event ORDER BY recipient"));
            assertEquals(0, rebound.mailbox.messageCount());
        }
    }

    @Test
    void withoutAWorkerTheMessagesWaitOnTheQueueOutOfTheMailbox() throws Exception {
        try (RunningRebound rebound = start(false)) {
            rebound.mailbox.deliver(TestMail.dsn("m1@sender.example", List.of(new Failure("gone@recipient.example",
                    "5.1.1", "550 5.1.1 User unknown"))));
            rebound.mailbox.deliver(TestMail.personalReply());

            RunningRebound.await("the mailbox drained", Duration.ofSeconds(60),
                    () -> rebound.mailbox.messageCount() == 0);

            assertEquals(2, queued(rebound));
            assertEquals(0, rebound.count("SELECT COUNT(*) FROM received_message"));
        }
    }

    @Test
    void aMessageQueuedAgainIsRecordedOnce() throws Exception {
        byte[] dsn = TestMail.dsn("m1@sender.example", List.of(new Failure("gone@recipient.example", "5.1.1",
                "550 5.1.1 User unknown")));
        try (RunningRebound rebound = start(true)) {
            rebound.logSent("m1@sender.example", "gone@recipient.example", "november-offers", null);
            rebound.mailbox.deliver(dsn);
            RunningRebound.await("the first copy recorded", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM received_message") == 1);

            rebound.mailbox.deliver(dsn);
            RunningRebound.await("the second copy out of the mailbox and off the queue", Duration.ofSeconds(60),
                    () -> rebound.mailbox.messageCount() == 0 && queued(rebound) == 0);

            assertEquals(1, rebound.count("SELECT COUNT(*) FROM bounce_event"));
        }
    }

    @Test
    void aQueuedMessageNoWorkerCanReadGoesToTheDeadLetterFolder() throws Exception {
        try (RunningRebound rebound = start(true)) {
            try (Connection c = rebound.server.jmsConnectionFactory().createConnection()) {
                Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(QUEUE)).send(session.createObjectMessage(42));
            }

            RunningRebound.await("a dead letter", Duration.ofSeconds(60), () -> sidecars(rebound).size() == 1);

            JsonNode sidecar = JSON.readTree(sidecars(rebound).get(0).toFile());
            assertEquals("unreadable", sidecar.get("reason").asText());
            RunningRebound.await("the queue empty", Duration.ofSeconds(10), () -> queued(rebound) == 0);
        }
    }

    @Test
    void aMessageNoWorkerRecordedInItsDeliveriesGoesToTheDeadLetterFolder() throws Exception {
        byte[] dsn = TestMail.dsn("m1@sender.example", List.of(new Failure("gone@recipient.example", "5.1.1",
                "550 5.1.1 User unknown")));
        try (RunningRebound rebound = start(false)) {
            // The workers' dead-letter consumer, without the worker that would record the message.
            rebound.server.camelContext().getRouteController().startRoute("dead-letter-undeliverable-messages");
            try (Connection c = rebound.server.jmsConnectionFactory().createConnection()) {
                Session session = c.createSession(true, Session.SESSION_TRANSACTED);
                BytesMessage queued = session.createBytesMessage();
                queued.writeBytes(dsn);
                session.createProducer(session.createQueue(QUEUE)).send(queued);
                session.commit();
                MessageConsumer worker = session.createConsumer(session.createQueue(QUEUE));
                c.start();
                // Workers that take it and die before their commit, as many times as the broker delivers it.
                for (int i = 0; i < EmbeddedBroker.WORK_QUEUE_MAX_DELIVERIES; i++) {
                    assertNotNull(worker.receive(5_000), "delivery " + (i + 1));
                    session.rollback();
                }
            }

            RunningRebound.await("a dead letter", Duration.ofSeconds(60), () -> sidecars(rebound).size() == 1);

            Path sidecar = sidecars(rebound).get(0);
            assertEquals("undeliverable", JSON.readTree(sidecar.toFile()).get("reason").asText());
            assertArrayEquals(dsn, Files.readAllBytes(Path.of(sidecar.toString().replace(".json", ".eml"))));
        }
    }

    /** How many messages wait on the work queue (browsed, not consumed). */
    private static int queued(RunningRebound rebound) {
        try (Connection c = rebound.server.jmsConnectionFactory().createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE));
            int n = 0;
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError("cannot browse the work queue", e);
        }
    }

    private static List<Path> sidecars(RunningRebound rebound) {
        Path dir = rebound.work.resolve("dead-letter");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

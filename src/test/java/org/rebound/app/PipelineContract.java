package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rebound.mailbox.MailboxAccount;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;

/**
 * Rebound end to end, as deployed: the real Camel Main with the YAML routes from routes/, a real POP3 server on
 * loopback, the embedded Artemis broker with a subscriber outside Rebound (over TCP), and a real database. The
 * mailbox holds a correlatable DSN, a DSN with two recipients, a DSN no key can correlate, and a person's reply.
 * Each subclass names the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    RunningRebound rebound;

    /** An empty database for this run. */
    abstract TestDatabase database() throws SQLException;

    /** The protocol the mailbox is read with. */
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.POP3;
    }

    @BeforeAll
    void drainAMailbox() throws Exception {
        rebound = RunningRebound.start(database(), protocol(), settings -> settings);
        rebound.logSent("m1@sender.example", "gone@recipient.example", "november-offers", null);
        rebound.logSent("m2@sender.example", "full@recipient.example", "november-offers", null);
        rebound.logSent("m2@sender.example", "moved@recipient.example", "november-offers", null);

        DemoMailbox mailbox = rebound.mailbox;
        mailbox.deliver(TestMail.dsn("m1@sender.example",
                List.of(new Failure("gone@recipient.example", "5.1.1", "550 5.1.1 <gone@recipient.example>: "
                        + "Recipient address rejected: User unknown in virtual mailbox table"))));
        mailbox.deliver(TestMail.dsn("m2@sender.example", List.of(
                new Failure("full@recipient.example", "4.2.2", "452 4.2.2 Mailbox full"),
                new Failure("moved@recipient.example", "5.1.6", "550 5.1.6 Recipient has moved"))));
        mailbox.deliver(TestMail.dsn("never-sent@elsewhere.example",
                List.of(new Failure("stranger@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        mailbox.deliver(TestMail.personalReply());

        RunningRebound.await("the mailbox to hold only the reply and 3 events to arrive", Duration.ofSeconds(60),
                () -> mailbox.messageCount() == 1 && rebound.subscriber.count() >= 3
                        && rebound.count("SELECT COUNT(*) FROM received_message") == 4);
    }

    @AfterAll
    void stop() throws Exception {
        if (rebound != null) {
            rebound.close();
        }
    }

    @Test
    void correlatedRecipientsAreStoredOneRowEach() throws SQLException {
        assertEquals(List.of(
                        "full@recipient.example|mailboxfull|soft|message-id|m2@sender.example",
                        "gone@recipient.example|userunknown|hard|message-id|m1@sender.example",
                        "moved@recipient.example|hasmoved|hard|message-id|m2@sender.example"),
                rebound.rows("SELECT recipient || '|' || reason || '|' || bounce_type || '|' || correlation_key || '|' "
                        + "|| sent_message_id FROM bounce_event ORDER BY recipient"));
    }

    @Test
    void eachEventReachesAnOutsideSubscriberAsJson() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (String text : rebound.subscriber.received()) {
            JsonNode event = JSON.readTree(text);
            assertEquals(1, event.get("schemaVersion").asInt());
            assertEquals(36, event.get("eventId").asText().length());
            recipients.add(event.get("recipient").asText() + ":" + event.get("reason").asText());
        }
        assertEquals(List.of("full@recipient.example:mailboxfull", "gone@recipient.example:userunknown",
                "moved@recipient.example:hasmoved"), recipients.stream().sorted().toList());
    }

    @Test
    void eventIdsOnTheTopicAreTheStoredOnes() throws Exception {
        List<String> published = new ArrayList<>();
        for (String text : rebound.subscriber.received()) {
            published.add(JSON.readTree(text).get("eventId").asText());
        }
        assertEquals(rebound.rows("SELECT event_id FROM bounce_event ORDER BY event_id"), published.stream().sorted().toList());
    }

    @Test
    void uncorrelatedBounceIsDeadLetteredWithItsReason() throws Exception {
        List<Path> sidecars;
        try (Stream<Path> files = Files.list(rebound.work.resolve("dead-letter"))) {
            sidecars = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertEquals(1, sidecars.size());
        JsonNode sidecar = JSON.readTree(sidecars.get(0).toFile());
        assertEquals("uncorrelated", sidecar.get("reason").asText());
        assertEquals("stranger@recipient.example", sidecar.get("recipients").get(0).asText());
        Path eml = Path.of(sidecars.get(0).toString().replace(".json", ".eml"));
        assertTrue(new String(Files.readAllBytes(eml)).contains("<never-sent@elsewhere.example>"));
    }

    @Test
    void aMessageThatIsNotABounceStaysInTheMailbox() throws SQLException {
        assertEquals(1, rebound.mailbox.messageCount());
        assertEquals(List.of("KEPT"), rebound.rows("SELECT outcome FROM received_message WHERE outcome = 'KEPT'"));
    }

    @Test
    void everyMessageIsRecordedAfterItWasFetched() {
        assertEquals(0, rebound.count("SELECT COUNT(*) FROM received_message "
                + "WHERE fetched_at IS NULL OR fetched_at > received_at"));
    }

    @Test
    void hardBounceQuarantinesAndSoftBounceMarksWithErrors() throws SQLException {
        assertEquals(List.of("full@recipient.example|WITH_ERRORS", "gone@recipient.example|QUARANTINED",
                        "moved@recipient.example|QUARANTINED"),
                rebound.rows("SELECT address || '|' || state FROM address ORDER BY address"));
    }

    @Test
    void everyAddressChangeNamesTheEventThatCausedIt() throws SQLException {
        assertEquals(List.of("0"), rebound.rows("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM address_history h "
                + "WHERE NOT EXISTS (SELECT 1 FROM bounce_event e WHERE e.event_id = h.event_id)"));
        assertEquals(3, rebound.rows("SELECT event_id FROM address_history").size());
    }

    @Test
    void sentMessagesTakeTheBouncesStatus() throws SQLException {
        assertEquals(List.of("full@recipient.example|soft-bounce", "gone@recipient.example|hard-bounce",
                        "moved@recipient.example|hard-bounce"),
                rebound.rows("SELECT recipient || '|' || status FROM sent_message ORDER BY recipient"));
    }

    @Test
    void aKeptMessageIsNotReadAgainAndAgain() throws Exception {
        ManagedRouteMBean fetch = rebound.server.camelContext().getCamelContextExtension()
                .getContextPlugin(ManagedCamelContext.class).getManagedRoute("fetch-bounces");
        long before = fetch.getExchangesTotal();
        Thread.sleep(1_000);
        // The poll delay in tests is 100 ms: at most about ten polls a second, each reading the one kept message.
        assertTrue(fetch.getExchangesTotal() - before <= 12, (fetch.getExchangesTotal() - before) + " fetches");
    }

    @Test
    void routesShowTheirExchangeCountsOverJmx() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null);
        ObjectName fetch = routes.stream()
                .filter(name -> name.getKeyProperty("name").equals("\"fetch-bounces\""))
                .findFirst().orElseThrow(() -> new AssertionError("no fetch-bounces MBean among " + routes));

        // One exchange per window the mailbox handed out (a poll that finds nothing new sends none).
        assertTrue((Long) jmx.getAttribute(fetch, "ExchangesCompleted") >= 1);
    }
}

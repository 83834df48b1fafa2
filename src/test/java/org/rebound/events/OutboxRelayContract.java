package org.rebound.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;
import org.rebound.app.TestDatabase;
import org.rebound.store.Database;
import org.rebound.testing.ManualClock;

/**
 * The outbox and the shipped publishing route (routes/publish-events.camel.yaml) against a real embedded Artemis
 * broker and a real database, the same tests on H2 and on PostgreSQL. Processes that died holding claims are real
 * processes that have exited.
 */
abstract class OutboxRelayContract {

    /** The embedded broker's publishing login in these tests. */
    static final BrokerLogin PUBLISHER = new BrokerLogin("rebound", "relay-test-password");
    private static final WorkQueueAddresses WORK_QUEUE = new WorkQueueAddresses("rebound.raw-messages",
            "rebound.raw-messages.dead-letters");


    private static final String TOPIC = "rebound.test";
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final OutboxClaimant THIS_PROCESS = OutboxClaimant.thisProcess();

    private HikariDataSource db;
    private EmbeddedBroker broker;
    private int brokerPort;
    private String brokerDir;
    private Outbox outbox;
    private jakarta.jms.Connection subscriberConnection;
    private MessageConsumer subscriber;

    /** An empty database for one test. */
    abstract TestDatabase database() throws SQLException;

    @BeforeEach
    void start() throws Exception {
        TestDatabase test = database();
        db = Database.open(test.url(), test.user(), test.password(), 2, Duration.ofSeconds(5));
        Database.migrate(db);
        brokerPort = DemoMailbox.freePort();
        brokerDir = Files.createTempDirectory("relay-broker").toString();
        broker = new EmbeddedBroker("127.0.0.1", brokerPort, brokerDir, WORK_QUEUE, PUBLISHER, Optional.empty());
        outbox = new Outbox(db, Clock.systemUTC(), THIS_PROCESS, LEASE);
        subscriberConnection = new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, PUBLISHER.user(), PUBLISHER.password()).createConnection();
        Session session = subscriberConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        subscriber = session.createConsumer(session.createTopic(TOPIC));
        subscriberConnection.start();
    }

    @AfterEach
    void stop() throws Exception {
        subscriberConnection.close();
        broker.close();
        db.close();
    }

    @Test
    void aFullBatchSaysMoreMayWait() throws Exception {
        addEvents(3);
        try (PublishingRoute route = route(inVm(), 2)) {
            assertTrue(route.pass());
            assertFalse(route.pass());
        }
    }

    @Test
    void everyEventIsPublishedWithItsIdAndMarkedSent() throws Exception {
        addEvents(3);
        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
        }

        for (int i = 0; i < 3; i++) {
            Message m = subscriber.receive(5_000);
            assertEquals("{\"n\":" + i + "}", ((TextMessage) m).getText());
            assertEquals("event-" + i, m.getStringProperty("eventId"));
            assertEquals("event-" + i, m.getStringProperty(PayloadAsMessage.DUPLICATE_ID));
        }
        assertEquals(0, outbox.pending());
    }

    @Test
    void aBatchIsSentInOneBrokerTransaction() throws Exception {
        addEvents(5);
        CommitCountingBroker counting = new CommitCountingBroker(inVm());
        try (PublishingRoute route = new PublishingRoute(PublishingRoute.SHIPPED, outbox, 5, counting.factory,
                TOPIC)) {
            route.pass();
        }

        assertEquals(5, counting.sends.get());
        assertEquals(1, counting.commits.get());
        assertEquals(0, outbox.pending());
    }

    @Test
    void aBatchTheBrokerRefusedIsReleasedForTheNextPass() throws Exception {
        addEvents(2);

        relayToAnUnreachableBroker();

        assertEquals(2, outbox.pending());
        assertEquals(0, claimed());
    }

    @Test
    void aBatchWhoseSendFailsMidwayIsReleasedForTheNextPass() throws Exception {
        addEvents(3);
        CommitCountingBroker failing = new CommitCountingBroker(inVm(), 2);
        try (PublishingRoute route = new PublishingRoute(PublishingRoute.SHIPPED, outbox, 10, failing.factory,
                TOPIC)) {
            assertFalse(route.pass());
        }

        assertEquals(3, outbox.pending());
        assertEquals(0, claimed());
    }

    @Test
    void aReleasedBatchIsPublishedOnTheNextPass() throws Exception {
        addEvents(2);
        relayToAnUnreachableBroker();

        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
        }

        assertEquals(0, outbox.pending());
    }

    @Test
    void aRouteWhoseBrokerCameBackPublishesOnItsNextPass() throws Exception {
        addEvents(2);
        try (PublishingRoute route = route(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?reconnectAttempts=0&initialConnectAttempts=1", PUBLISHER.user(), PUBLISHER.password()), 10)) {
            route.pass();
            addEvents(2, 4);
            broker.close();
            assertFalse(route.pass());
            assertEquals(2, outbox.pending());
            broker = new EmbeddedBroker("127.0.0.1", brokerPort, brokerDir, WORK_QUEUE, PUBLISHER, Optional.empty());

            route.pass();
        }

        assertEquals(0, outbox.pending());
    }

    @Test
    void aBatchTheBrokerTookBeforeACrashIsMarkedSentWhenRelayedAgain() throws Exception {
        addEvents(2);
        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
            forgetSent();

            route.pass();
        }

        assertEquals(0, outbox.pending());
    }

    @Test
    void aSingleEventTheBrokerTookBeforeACrashIsMarkedSentWhenRelayedAgain() throws Exception {
        addEvents(1);
        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
            forgetSent();

            route.pass();
        }

        assertEquals(0, outbox.pending());
    }

    @Test
    void newEventsInABatchWithEventsTheBrokerHasArePublishedOnce() throws Exception {
        addEvents(2);
        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
            forgetSent();
            addEvents(2, 4);

            route.pass();
        }

        List<String> received = new ArrayList<>();
        for (Message m = subscriber.receive(2_000); m != null; m = subscriber.receive(1_000)) {
            received.add(m.getStringProperty("eventId"));
        }
        assertEquals(List.of("event-0", "event-1", "event-2", "event-3"), received);
    }

    @Test
    void eventsADeadProcessOfThisHostClaimedArePublishedWithoutWaitingForTheLease() throws Exception {
        addEvents(2);
        claimAs(new OutboxClaimant(THIS_PROCESS.host(), deadPid()), Clock.systemUTC());

        outbox.releaseAbandonedClaims();
        try (PublishingRoute route = route(inVm(), 10)) {
            route.pass();
        }

        assertEquals(0, outbox.pending());
    }

    @Test
    void claimsOfALiveProcessAreKept() throws Exception {
        addEvents(2);
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            claimAs(new OutboxClaimant(THIS_PROCESS.host(), live.pid()), Clock.systemUTC());

            assertEquals(0, outbox.releaseAbandonedClaims());
        } finally {
            live.destroy();
        }
    }

    @Test
    void claimsMadeBeforeTheirPidWentToANewProcessAreReleased() throws Exception {
        addEvents(2);
        Process reused = new ProcessBuilder("sleep", "60").start();
        try {
            // The manual clock reads a time before the process started: the claim is older than its pid's owner.
            claimAs(new OutboxClaimant(THIS_PROCESS.host(), reused.pid()), new ManualClock());

            assertEquals(2, outbox.releaseAbandonedClaims());
        } finally {
            reused.destroy();
        }
    }

    @Test
    void claimsOfAnotherHostAreLeftToTheLease() throws Exception {
        addEvents(2);
        claimAs(new OutboxClaimant("another-host.example", deadPid()), Clock.systemUTC());

        assertEquals(0, outbox.releaseAbandonedClaims());
    }

    @Test
    void aClaimNotRenewedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        addEvents(2);
        ManualClock clock = new ManualClock();
        claimAs(new OutboxClaimant("another-host.example", 1), clock);
        clock.advance(LEASE.plusSeconds(1));

        assertEquals(2, new Outbox(db, clock, THIS_PROCESS, LEASE).claim(10).size());
    }

    @Test
    void aRenewedClaimOutlivesItsFirstLease() throws Exception {
        addEvents(2);
        ManualClock clock = new ManualClock();
        Outbox owner = new Outbox(db, clock, new OutboxClaimant("another-host.example", 1), LEASE);
        List<Outbox.Entry> claimed = owner.claim(10);
        clock.advance(LEASE.minusSeconds(1));
        owner.renew(claimed);
        clock.advance(Duration.ofSeconds(2));

        assertEquals(0, new Outbox(db, clock, THIS_PROCESS, LEASE).claim(10).size());
    }

    @Test
    void aBatchIsNotTakenOverWhileItsOwnerIsStillPublishingIt() throws Exception {
        addEvents(2);
        Duration lease = Duration.ofSeconds(3);
        Outbox owner = new Outbox(db, Clock.systemUTC(), THIS_PROCESS, lease);
        // A broker that accepts the connection and never answers: the owner's publish hangs for the call timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PublishingRoute route = new PublishingRoute(PublishingRoute.SHIPPED, owner, 10,
                     new ActiveMQConnectionFactory("tcp://127.0.0.1:" + silent.getLocalPort()
                             + "?callTimeout=12000&initialConnectAttempts=1&reconnectAttempts=0"), TOPIC)) {
            CompletableFuture<Boolean> publishing = CompletableFuture.supplyAsync(route::pass);
            Thread.sleep(lease.multipliedBy(2).toMillis());

            List<Outbox.Entry> takenOver = new Outbox(db, Clock.systemUTC(),
                    new OutboxClaimant("another-host.example", 1), lease).claim(10);

            publishing.join();
            assertEquals(List.of(), takenOver);
        }
    }

    /** Claims every pending event as the given process would have. */
    private void claimAs(OutboxClaimant claimant, Clock clock) throws SQLException {
        assertFalse(new Outbox(db, clock, claimant, LEASE).claim(10).isEmpty());
    }

    /** The id of a process that has run and exited. */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /** A pass of the route while the broker cannot be reached: it fails, and says the batch was not full. */
    private void relayToAnUnreachableBroker() throws Exception {
        ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + DemoMailbox.freePort() + "?reconnectAttempts=0&initialConnectAttempts=1");
        try (PublishingRoute route = route(nowhere, 10)) {
            assertFalse(route.pass());
        }
    }

    /** The shipped publishing route on the given broker, to the test topic. */
    private PublishingRoute route(ActiveMQConnectionFactory broker, int batchSize) throws Exception {
        return new PublishingRoute(PublishingRoute.SHIPPED, outbox, batchSize, broker, TOPIC);
    }

    private static ActiveMQConnectionFactory inVm() {
        return new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, PUBLISHER.user(), PUBLISHER.password());
    }

    /** As a crash between the broker's commit and the outbox's update leaves it: published, not marked sent. */
    private void forgetSent() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox_event SET sent_at = NULL, claimed_by = NULL, claimed_at = NULL");
        }
    }

    private void addEvents(int n) throws SQLException {
        addEvents(0, n);
    }

    /** Events event-FROM up to event-TO, that one excluded, with the payload {"n":i}. */
    private void addEvents(int from, int to) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO outbox_event (event_id, payload, created_at) VALUES (?, ?, ?)")) {
            for (int i = from; i < to; i++) {
                s.setString(1, "event-" + i);
                s.setString(2, "{\"n\":" + i + "}");
                s.setObject(3, OffsetDateTime.now());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private int claimed() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM outbox_event WHERE claimed_at IS NOT NULL")) {
            r.next();
            return r.getInt(1);
        }
    }
}

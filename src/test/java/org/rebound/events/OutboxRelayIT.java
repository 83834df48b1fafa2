package org.rebound.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.jms.JMSException;
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
import org.rebound.store.Database;

/** The outbox relay against a real embedded Artemis broker and a real H2 database. */
class OutboxRelayIT {

    private static final String TOPIC = "rebound.test";

    private HikariDataSource db;
    private EmbeddedBroker broker;
    private Outbox outbox;
    private jakarta.jms.Connection subscriberConnection;
    private MessageConsumer subscriber;

    @BeforeEach
    void start() throws Exception {
        db = Database.open("jdbc:h2:mem:relay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2,
                Duration.ofSeconds(5));
        Database.migrate(db);
        broker = new EmbeddedBroker("127.0.0.1", DemoMailbox.freePort(),
                Files.createTempDirectory("relay-broker").toString());
        outbox = new Outbox(db, Clock.systemUTC(), "test-instance", Duration.ofMinutes(1));
        subscriberConnection = new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL).createConnection();
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
        try (OutboxRelay relay = new OutboxRelay(inVm(), TOPIC, outbox, 2)) {
            assertTrue(relay.relayBatch());
            assertFalse(relay.relayBatch());
        }
    }

    @Test
    void everyEventIsPublishedWithItsIdAndMarkedSent() throws Exception {
        addEvents(3);
        try (OutboxRelay relay = new OutboxRelay(inVm(), TOPIC, outbox, 10)) {
            relay.relayBatch();
        }

        for (int i = 0; i < 3; i++) {
            Message m = subscriber.receive(5_000);
            assertEquals("{\"n\":" + i + "}", ((TextMessage) m).getText());
            assertEquals("event-" + i, m.getStringProperty("eventId"));
        }
        assertEquals(0, outbox.pending());
    }

    @Test
    void aBatchTheBrokerRefusedIsReleasedForTheNextPass() throws Exception {
        addEvents(2);

        relayToAnUnreachableBroker();

        assertEquals(2, outbox.pending());
        assertEquals(0, count("SELECT COUNT(*) FROM outbox_event WHERE claimed_at IS NOT NULL"));
    }

    @Test
    void aReleasedBatchIsPublishedOnTheNextPass() throws Exception {
        addEvents(2);
        relayToAnUnreachableBroker();

        try (OutboxRelay relay = new OutboxRelay(inVm(), TOPIC, outbox, 10)) {
            relay.relayBatch();
        }

        assertEquals(0, outbox.pending());
    }

    /** A pass of the relay while the broker cannot be reached: it fails, as the route would see it. */
    private void relayToAnUnreachableBroker() throws Exception {
        ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + DemoMailbox.freePort() + "?reconnectAttempts=0&initialConnectAttempts=1");
        try (OutboxRelay relay = new OutboxRelay(nowhere, TOPIC, outbox, 10)) {
            assertThrows(JMSException.class, relay::relayBatch);
        }
    }

    private static ActiveMQConnectionFactory inVm() {
        return new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL);
    }

    private void addEvents(int n) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO outbox_event (event_id, payload, created_at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                s.setString(1, "event-" + i);
                s.setString(2, "{\"n\":" + i + "}");
                s.setObject(3, OffsetDateTime.now());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}

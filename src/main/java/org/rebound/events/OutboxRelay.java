package org.rebound.events;

import java.sql.SQLException;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Publishes the outbox's events on the topic, a batch at a time, in one JMS transaction per batch: the broker
 * writes the batch with one journal sync at commit, where one send after another would wait for a sync each (a
 * persistent non-transacted send is synchronous, JMS 3.1 section 7.2). Only after the commit — the broker has every
 * event of the batch — are they marked sent. A crash in between publishes the batch again; each message carries
 * its event id, and Artemis's duplicate detection (the _AMQ_DUPL_ID property) drops what it has already seen.
 */
public final class OutboxRelay implements AutoCloseable {

    /** Artemis drops a message whose duplicate id it has seen on the address before. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final ConnectionFactory broker;
    private final String topic;
    private final Outbox outbox;
    private final int batchSize;
    /** One connection for every batch, opened on first use and again after a failure (the broker restarted). */
    private Connection connection;

    public OutboxRelay(ConnectionFactory broker, String topic, Outbox outbox, int batchSize) {
        this.broker = broker;
        this.topic = topic;
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** Publishes one batch and says whether the outbox may hold more (the batch was full). */
    public boolean relayBatch() throws SQLException, JMSException {
        List<Outbox.Entry> claimed = outbox.claim(batchSize);
        if (claimed.isEmpty()) {
            return false;
        }
        try {
            publish(claimed);
        } catch (JMSException | RuntimeException e) {
            outbox.release(claimed);
            throw e;
        }
        outbox.markSent(claimed);
        return claimed.size() == batchSize;
    }

    private synchronized void publish(List<Outbox.Entry> events) throws JMSException {
        try (Session session = connection().createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createTopic(topic))) {
            for (Outbox.Entry e : events) {
                TextMessage message = session.createTextMessage(e.payload());
                message.setStringProperty("eventId", e.eventId());
                message.setStringProperty(DUPLICATE_ID, e.eventId());
                producer.send(message);
            }
            session.commit();
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws JMSException {
        if (connection == null) {
            connection = broker.createConnection();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the broker is gone already; nothing is left to release
            } finally {
                connection = null;
            }
        }
    }
}

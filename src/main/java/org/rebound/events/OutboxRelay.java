package org.rebound.events;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /**
     * Renews the claim on the batch in hand while it is published and marked, so that the lease can be short (a
     * dead instance's events wait only that long for another instance) however slow the broker is.
     */
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rebound-outbox-renewal");
        t.setDaemon(true);
        return t;
    });

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** Failed passes in a row: a broker outage is told once when it begins and once when it ends. */
    private volatile int failedPasses;

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
        long period = outbox.renewalPeriod().toMillis();
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(claimed), period, period,
                TimeUnit.MILLISECONDS);
        try {
            try {
                publish(claimed);
            } catch (JMSException | RuntimeException e) {
                outbox.release(claimed);
                throw e;
            }
            outbox.markSent(claimed);
        } finally {
            renewal.cancel(false);
        }
        if (failedPasses > 0) {
            LOG.info("events are relayed again, after {} failed passes", failedPasses);
            failedPasses = 0;
        }
        return claimed.size() == batchSize;
    }

    /**
     * A renewal that fails (the database is down) is tried again next period; if the lease runs out meanwhile,
     * another instance may publish the batch too, with the same event ids, which the broker and consumers drop.
     */
    private void renew(List<Outbox.Entry> claimed) {
        try {
            outbox.renew(claimed);
        } catch (SQLException | RuntimeException e) {
            // tried again next period
        }
    }

    /**
     * Publishes the batch in one transaction. Artemis drops a whole transaction that holds a message it has seen
     * (by duplicate id), and says so at commit: a process died after the broker took its batch and before the
     * outbox marked it sent, and the batch came back. Then each event goes in a transaction of its own, so that
     * the broker drops only what it has, takes the rest, and the batch can be marked sent; otherwise the batch,
     * the oldest in the outbox, would fail every pass and hold back every event behind it.
     */
    private synchronized void publish(List<Outbox.Entry> events) throws JMSException {
        try {
            send(events);
        } catch (JMSException e) {
            if (!alreadyPublished(e)) {
                throw e;
            }
            for (Outbox.Entry event : events) {
                try {
                    send(List.of(event));
                } catch (JMSException one) {
                    if (!alreadyPublished(one)) {
                        throw one;
                    }
                }
            }
        }
    }

    /** One JMS transaction; a failure other than a duplicate closes the connection, which the next send reopens. */
    private void send(List<Outbox.Entry> events) throws JMSException {
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
            if (!alreadyPublished(e)) {
                closeConnection();
            }
            throw e;
        }
    }

    /** Whether the broker refused the transaction for a duplicate id: it holds that event already. */
    private static boolean alreadyPublished(Exception failure) {
        Throwable t = failure;
        // The JMS exception links the broker's own, as its cause or as its linked exception.
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof ActiveMQException amq && amq.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
            t = t.getCause() != null ? t.getCause() : t instanceof JMSException jms ? jms.getLinkedException() : null;
        }
        return false;
    }

    private Connection connection() throws JMSException {
        if (connection == null) {
            connection = broker.createConnection();
        }
        return connection;
    }

    /**
     * A relay pass failed (the broker away): the events wait in the outbox. Logged with the cause chain when a
     * streak of failures begins, not at every pass (several a second).
     */
    public void passFailed(Throwable cause) {
        if (failedPasses++ == 0) {
            LOG.warn("events wait in the outbox, not relayed, until the broker takes them: {}", CauseChain.of(cause));
        } else {
            LOG.debug("relay pass failed again ({} in a row): {}", failedPasses, CauseChain.of(cause));
        }
    }

    @Override
    public synchronized void close() {
        renewals.shutdownNow();
        closeConnection();
    }

    private synchronized void closeConnection() {
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

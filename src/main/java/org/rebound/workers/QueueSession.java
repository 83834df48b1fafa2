package org.rebound.workers;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transacted JMS session on the work queue with one producer or consumer on it, opened when first needed. After a
 * failure its owner closes it, quietly, and the next use opens a new one: a connection that failed is not reused.
 *
 * @param <T> the producer or consumer on the queue
 */
final class QueueSession<T> implements AutoCloseable {

    /** Makes the producer or consumer on the queue: {@code Session::createProducer}, {@code Session::createConsumer}. */
    interface OnQueue<T> {
        T open(Session session, Queue queue) throws JMSException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueueSession.class);

    private final ConnectionFactory broker;
    private final String queue;
    private final OnQueue<T> onQueue;
    private Connection connection;
    private Session session;
    private T endpoint;

    QueueSession(ConnectionFactory broker, String queue, OnQueue<T> onQueue) {
        this.broker = broker;
        this.queue = queue;
        this.onQueue = onQueue;
    }

    /** The producer or consumer, the session and its connection opened (and started) first if they are not. */
    T endpoint() throws JMSException {
        if (connection == null) {
            Connection opened = broker.createConnection();
            try {
                session = opened.createSession(true, Session.SESSION_TRANSACTED);
                endpoint = onQueue.open(session, session.createQueue(queue));
                opened.start();
            } catch (JMSException | RuntimeException e) {
                closeQuietly(opened);
                throw e;
            }
            connection = opened;
        }
        return endpoint;
    }

    /** The open session; call {@link #endpoint()} first. */
    Session session() {
        if (session == null) {
            throw new IllegalStateException("the work queue's session is not open");
        }
        return session;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** Drops the connection, and with it the session and any transaction in it (Jakarta Messaging 3.1, 6.2.4). */
    @Override
    public void close() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
            session = null;
            endpoint = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.debug("closing the work queue's connection: {}", e.toString());
        }
    }
}

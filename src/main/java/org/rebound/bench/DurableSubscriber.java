package org.rebound.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A durable subscription to the events topic (JMS 2.0 section 6.11.1): the broker keeps what is published while
 * the subscriber is away, even across a restart of a persistent broker, so a test can see every event published
 * by a Rebound process it kills and restarts. Subscribing again with the same client id resumes the subscription.
 * Collects the eventId of every message, repeats included.
 */
public final class DurableSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<String> eventIds;
    private final Connection connection;

    private DurableSubscriber(Connection connection, ConcurrentLinkedQueue<String> eventIds) {
        this.connection = connection;
        this.eventIds = eventIds;
    }

    /**
     * Subscribes (or resumes the subscription) and adds the eventId of each message received to {@code into}.
     */
    public static DurableSubscriber subscribe(ConnectionFactory factory, String topic, String clientId,
                                              ConcurrentLinkedQueue<String> into) throws JMSException {
        Connection connection = factory.createConnection();
        try {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic(topic), clientId).setMessageListener(message -> {
                try {
                    String text = message instanceof TextMessage t ? t.getText() : "";
                    into.add(JSON.readTree(text).path("eventId").asText());
                } catch (Exception e) {
                    into.add("unreadable: " + e);
                }
            });
            connection.start();
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new DurableSubscriber(connection, into);
    }

    public List<String> eventIds() {
        return List.copyOf(eventIds);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            // the broker is gone (killed with its process): nothing to close
        }
    }
}

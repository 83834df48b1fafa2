package org.rebound.events;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** A plain JMS subscriber to the events topic that keeps what it receives: the demo's and the tests' consumer. */
public final class EventSubscriber implements AutoCloseable {

    private final Connection connection;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    // The queue's size() walks the whole queue: a watcher asking every few milliseconds cost seconds of CPU.
    private final AtomicInteger count = new AtomicInteger();

    private EventSubscriber(Connection connection) {
        this.connection = connection;
    }

    public static EventSubscriber subscribe(ConnectionFactory factory, String topic) throws JMSException {
        Connection connection = factory.createConnection();
        EventSubscriber subscriber = new EventSubscriber(connection);
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(topic));
            consumer.setMessageListener(message -> {
                try {
                    subscriber.received.add(message instanceof TextMessage text ? text.getText() : message.toString());
                } catch (JMSException e) {
                    subscriber.received.add("unreadable: " + e);
                }
                subscriber.count.incrementAndGet();
            });
            connection.start();
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        return subscriber;
    }

    public int count() {
        return count.get();
    }

    /** The JSON texts received so far, in order of arrival. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}

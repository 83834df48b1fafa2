package org.rebound.events;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;

/**
 * A real broker's connection factory that counts what the publishing route asks of it: the commits of transacted
 * sessions and the messages sent. Everything goes on to the real broker, but for the one send it may be told to fail
 * (as when the broker goes away in the middle of a batch).
 */
final class CommitCountingBroker {

    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger sends = new AtomicInteger();
    final ConnectionFactory factory;
    private final int failingSend;

    CommitCountingBroker(ConnectionFactory real) {
        this(real, 0);
    }

    /** @param failingSend the send (counted from 1) that fails with a JMSException instead; 0: none */
    CommitCountingBroker(ConnectionFactory real, int failingSend) {
        this.failingSend = failingSend;
        factory = proxy(ConnectionFactory.class, real);
    }

    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (p, method, args) -> {
            if (method.getName().equals("send") && sends.get() + 1 == failingSend) {
                sends.incrementAndGet();
                throw new jakarta.jms.JMSException("the broker went away mid-batch (test)");
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (real instanceof Session && method.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            if (result instanceof jakarta.jms.MessageProducer producer) {
                return proxy(jakarta.jms.MessageProducer.class, producer);
            }
            if (method.getName().equals("send")) {
                sends.incrementAndGet();
            }
            if (result instanceof Session session) {
                return proxy(Session.class, session);
            }
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }
}

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
 * sessions and the messages sent. Everything goes on to the real broker.
 */
final class CommitCountingBroker {

    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger sends = new AtomicInteger();
    final ConnectionFactory factory;

    CommitCountingBroker(ConnectionFactory real) {
        factory = proxy(ConnectionFactory.class, real);
    }

    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (p, method, args) -> {
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

package org.rebound.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.jms.support.destination.DestinationResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the publishing route's {@code jms:} endpoint, its {@code transacted} step and its event-as-message step need:
 * the camel-jms component on Rebound's broker, and a transaction policy on the same connection factory, so that every
 * send of a batch goes through one transacted JMS session and the broker writes the batch with one journal sync at commit. A persistent
 * send outside a transaction waits for the broker's sync each (JMS 3.1 section 7.2, "synchronous send").
 */
public final class BrokerPublishing implements AutoCloseable {

    /** The registry name of the route's transaction policy: {@code transacted: {ref: brokerTransaction}}. */
    public static final String TRANSACTION_POLICY = "brokerTransaction";
    /** The registry name of the camel-jms component: {@code to: jms:topic:...}. */
    public static final String COMPONENT = "jms";
    /** The registry name of the step that makes each event a message: {@code process: {ref: outboxEntryAsMessage}}. */
    public static final String EVENT_AS_MESSAGE = "outboxEntryAsMessage";
    /** The registry name of the step that makes each reputation alert a message: {@code process: {ref: alertAsMessage}}. */
    public static final String ALERT_AS_MESSAGE = "alertAsMessage";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerPublishing.class);

    private final CachingConnectionFactory connections;
    private final JmsComponent component;
    private final SpringTransactionPolicy transaction;

    /** @param broker the broker's own factory (embedded or external Artemis) */
    public BrokerPublishing(ConnectionFactory broker) {
        // One connection, and its transacted session and producer cached across batches: without the cache, the
        // transaction manager opens a connection per batch and JmsTemplate a producer per event. A connection that
        // fails (the broker restarted) is dropped through its exception listener and opened again on next use.
        connections = new KeptOverFailover(broker);
        connections.setCacheProducers(true);
        connections.setReconnectOnException(true);
        JmsTransactionManager manager = new JmsTransactionManager(connections);
        transaction = new SpringTransactionPolicy(manager);
        component = JmsComponent.jmsComponent(connections);
        component.setDestinationResolver(new ResolvedOnce());
    }

    /** Binds the component, the transaction policy and the steps that make events and alerts messages under the names the route uses. */
    public void bindTo(BiConsumer<String, Object> registry) {
        registry.accept(COMPONENT, component);
        registry.accept(EVENT_AS_MESSAGE, new PayloadAsMessage("eventId"));
        registry.accept(ALERT_AS_MESSAGE, new PayloadAsMessage("alertId"));
        registry.accept(TRANSACTION_POLICY, transaction);
    }

    /**
     * Artemis tells a connection's exception listener, on a thread of its own, of a failover that succeeded too
     * (error code FAILOVER, ActiveMQConnection.EXCEPTION_FAILOVER): the connection and its sessions then already work
     * on the backup, and the transaction in progress fails at its commit (Artemis documentation, "Client Failover"),
     * so the route releases the batch and sends it again. Spring's reconnectOnException closed that connection from
     * the listener's thread while the route was still sending on it: its pass failed with "Session is closed". A
     * connection that is lost (DISCONNECT: no backup to move to) is still dropped and opened again on next use.
     * (That a failover completes at all is the URL's part: README, "Broker availability".)
     */
    private static final class KeptOverFailover extends CachingConnectionFactory {

        KeptOverFailover(ConnectionFactory broker) {
            super(broker);
        }

        @Override
        public void onException(JMSException failure) {
            if (ActiveMQConnection.EXCEPTION_FAILOVER.equals(failure.getErrorCode())) {
                LOG.info("the broker connection failed over to the backup: {}", failure.getMessage());
                return;
            }
            super.onException(failure);
        }
    }

    /**
     * Resolves each destination name once. Spring's default asks the session for every send, and Artemis's
     * createTopic asks the broker whether the address exists (a blocking round trip): one per event, which made
     * publishing twice as slow. A destination "encapsulates a provider-specific address" (Jakarta Messaging 3.1,
     * Destination): it does not belong to the session that made it.
     */
    private static final class ResolvedOnce implements DestinationResolver {

        private final Map<String, Destination> resolved = new ConcurrentHashMap<>();

        @Override
        public Destination resolveDestinationName(Session session, String name, boolean pubSub) throws JMSException {
            String key = (pubSub ? "topic:" : "queue:") + name;
            Destination known = resolved.get(key);
            if (known == null) {
                known = pubSub ? session.createTopic(name) : session.createQueue(name);
                resolved.put(key, known);
            }
            return known;
        }
    }

    @Override
    public void close() {
        connections.destroy();
    }
}

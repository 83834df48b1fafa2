package org.rebound.events;

import java.util.Optional;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The ActiveMQ Artemis broker Rebound starts in its own process when no external broker is configured: an in-VM
 * acceptor for Rebound itself, and one TCP acceptor so that consumers outside the process can subscribe. Only
 * the core protocol is enabled: this machine's other brokers own the AMQP, MQTT and STOMP ports.
 *
 * <p>Security is on: every connection logs in. Rebound's own user publishes; the subscriber user may read and
 * subscribe but never send, so no other program can put a forged event on the topic. Anonymous connections are
 * refused.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The URL Rebound's own connection factory uses inside the process. */
    public static final String IN_VM_URL = "vm://0";

    private static final String PUBLISHER = "publisher";
    private static final String SUBSCRIBER = "subscriber";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    /**
     * How many times the work queue delivers a message before it moves it to its dead-letter queue: enough for a
     * window to fail whole a few times (the database going away while it was recorded), few enough that a message
     * whose worker dies each time it takes it does not go round for ever. Artemis's default, made explicit.
     */
    public static final int WORK_QUEUE_MAX_DELIVERIES = 10;

    /**
     * @param workQueue  the workers' queue (rebound.workers.queue) and its dead-letter queue
     *                   (rebound.workers.dead-letter-queue)
     * @param publisher  Rebound's own login: sends events
     * @param subscriber the login of consumers outside Rebound, if any: reads and subscribes, never sends
     */
    public EmbeddedBroker(String host, int port, String dataDir, WorkQueueAddresses workQueue, BrokerLogin publisher,
                          Optional<BrokerLogin> subscriber) throws Exception {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(publisher.user(), publisher.password());
        users.addRole(publisher.user(), PUBLISHER);
        subscriber.ifPresent(s -> {
            users.addUser(s.user(), s.password());
            users.addRole(s.user(), SUBSCRIBER);
        });
        // Role(name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
        //      deleteNonDurableQueue, manage, browse, createAddress, deleteAddress)
        Set<Role> roles = Set.of(
                new Role(PUBLISHER, true, true, true, true, true, true, false, true, true, true),
                new Role(SUBSCRIBER, false, true, true, true, true, true, false, true, true, false));
        Configuration config = new ConfigurationImpl()
                .setName("rebound-embedded")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dataDir + "/journal")
                .setBindingsDirectory(dataDir + "/bindings")
                .setLargeMessagesDirectory(dataDir + "/large-messages")
                .setPagingDirectory(dataDir + "/paging")
                .setSecurityEnabled(true)
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                .addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port + "?protocols=CORE");
        config.putSecurityRoles("#", roles);
        // Without a dead-letter address Artemis drops a message it has delivered max-delivery-attempts times
        // (Artemis docs, "Message Redelivery and Undelivered Messages"): the work queue's go to a queue that the
        // workers empty into the dead-letter folder (workers.UndeliverableMessages), and whose consumer, started
        // with the workers, creates it.
        config.addAddressSetting(workQueue.queue(), new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(workQueue.deadLetterQueue()))
                .setMaxDeliveryAttempts(WORK_QUEUE_MAX_DELIVERIES));
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

package org.rebound.events;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The ActiveMQ Artemis broker Rebound starts in its own process when no external broker is configured: an in-VM
 * acceptor for Rebound itself, and one TCP acceptor so that consumers outside the process can subscribe. Only
 * the core protocol is enabled: this machine's other brokers own the AMQP, MQTT and STOMP ports.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The URL Rebound's own connection factory uses inside the process. */
    public static final String IN_VM_URL = "vm://0";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    public EmbeddedBroker(String host, int port, String dataDir) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("rebound-embedded")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dataDir + "/journal")
                .setBindingsDirectory(dataDir + "/bindings")
                .setLargeMessagesDirectory(dataDir + "/large-messages")
                .setPagingDirectory(dataDir + "/paging")
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                .addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port + "?protocols=CORE");
        server.setConfiguration(config);
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

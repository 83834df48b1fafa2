package org.rebound.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * One ActiveMQ Artemis server of a primary/backup pair on a shared store, run as a process of its own (so that a
 * test can kill it with SIGKILL, as a crash would): {@code java ... SharedStoreBroker primary|backup OWN_PORT
 * PEER_PORT SHARED_DIR}. The same configuration as the README's "Broker availability" gives for broker.xml, and as
 * {@code artemis create --shared-store [--backup] --failover-on-shutdown} writes (Artemis documentation, "High
 * Availability and Failover", shared store): both servers use the one journal directory, which only the server
 * holding its file lock (server.lock) opens; the backup waits for that lock and becomes active when the primary's
 * process dies and the operating system releases it. The cluster connection is how the backup announces itself to
 * the primary, and so how clients connected with {@code ha=true} learn where to fail over to.
 *
 * <p>Prints {@code active <epoch millis>} on standard output when the server has become active (the primary at
 * start, the backup at takeover), then runs until killed.
 *
 * <p>For one machine only: BrokerFailoverIT kills one of a pair, and scripts/two-instances starts a pair for its
 * two Rebound instances. It listens on 127.0.0.1 alone, without logins; a real pair is configured in Artemis's own
 * broker.xml (README, "Broker availability").
 */
public final class SharedStoreBroker {

    /**
     * The client options the README gives for a pair (README, "Broker availability"): reconnect to the server it
     * was on, or the backup its topology named, three times; then the URL's servers in turn for ever, whether or not
     * the topology named the backup.
     */
    public static final String CLIENT_OPTIONS =
            "ha=true&reconnectAttempts=3&retryInterval=1000&failoverAttempts=-1&useTopologyForLoadBalancing=false";

    private SharedStoreBroker() {
    }

    /** The URL a client of the pair on this machine uses, with the README's options. */
    public static String clientUrl(int primaryPort, int backupPort) {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?" + CLIENT_OPTIONS;
    }

    public static void main(String[] args) throws Exception {
        boolean primary = switch (args[0]) {
            case "primary" -> true;
            case "backup" -> false;
            default -> throw new IllegalArgumentException("primary or backup: " + args[0]);
        };
        int port = Integer.parseInt(args[1]);
        int peerPort = Integer.parseInt(args[2]);
        String shared = args[3];
        Configuration config = new ConfigurationImpl()
                .setName(args[0])
                .setPersistenceEnabled(true)
                // NIO: the shared folder may be on a file system without Linux AIO (NFS v4 is the usual one).
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(shared + "/journal")
                .setBindingsDirectory(shared + "/bindings")
                .setLargeMessagesDirectory(shared + "/large-messages")
                .setPagingDirectory(shared + "/paging")
                .setSecurityEnabled(false)
                .setClusterUser("rebound-cluster")
                .setClusterPassword("rebound-pair-test")
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE")
                .addConnectorConfiguration("self", "tcp://127.0.0.1:" + port)
                .addConnectorConfiguration("peer", "tcp://127.0.0.1:" + peerPort)
                .addClusterConfiguration(new ClusterConnectionConfiguration()
                        .setName("rebound-pair")
                        .setConnectorName("self")
                        .setStaticConnectors(List.of("peer"))
                        .setRetryInterval(500));
        config.setHAPolicyConfiguration(primary
                ? new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true)
                : new SharedStoreBackupPolicyConfiguration().setFailoverOnServerShutdown(true)
                        .setAllowFailBack(true));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        while (!server.getActiveMQServer().waitForActivation(1, TimeUnit.SECONDS)) {
            // a backup waits here for the primary's lock
        }
        System.out.println("active " + System.currentTimeMillis());
        System.out.flush();
        Thread.currentThread().join();
    }
}

package org.rebound.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-service elections: two file-lock elections on one folder (Camel's FileLockClusterService, as two
 * instances on one host) elect one poller per mailbox and hand over when it stops; the Kubernetes one is checked
 * only for how it configures camel-kubernetes' service, as no Kubernetes API server runs here.
 */
class ClusterServiceElectionTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @Test
    void ofTwoFileLockInstancesOnlyOnePollsAMailboxAndTheOtherTakesOverWhenItStops(@TempDir Path root)
            throws Exception {
        try (CamelContext first = started(); CamelContext second = started()) {
            ClusterServiceElection a = ClusterServiceElection.fileLock(root, HEARTBEAT, List.of("default"));
            ClusterServiceElection b = ClusterServiceElection.fileLock(root, HEARTBEAT, List.of("default"));
            a.start(first);
            Leadership aLeads = a.leadership("default");
            assertTrue(within(Duration.ofSeconds(5), aLeads::held), "the first instance leads");
            b.start(second);
            Leadership bLeads = b.leadership("default");
            Thread.sleep(HEARTBEAT.multipliedBy(3).toMillis());
            assertFalse(bLeads.held(), "the second waits while the first leads");

            a.stop();

            assertFalse(aLeads.held(), "a stopped instance does not lead");
            assertTrue(within(Duration.ofSeconds(10), bLeads::held), "the second took over");
            b.stop();
        }
    }

    @Test
    void eachMailboxIsElectedOnItsOwn(@TempDir Path root) throws Exception {
        try (CamelContext camel = started()) {
            ClusterServiceElection election = ClusterServiceElection.fileLock(root, HEARTBEAT,
                    List.of("default", "second"));
            election.start(camel);

            assertTrue(within(Duration.ofSeconds(5), () -> election.leadership("default").held()
                    && election.leadership("second").held()), "both mailboxes polled here");
            assertTrue(root.resolve("rebound-mailbox-default").toFile().exists(), "a lock file per mailbox");
            assertTrue(root.resolve("rebound-mailbox-second").toFile().exists(), "a lock file per mailbox");
            election.stop();
        }
    }

    @Test
    void kubernetesElectionHoldsALeasePerMailboxWithCamelsRatiosOfTheDuration() {
        ClusterServiceElection election = ClusterServiceElection.kubernetes("mail", "rebound-mailbox",
                Duration.ofSeconds(15), List.of("default"));
        KubernetesClusterService service = (KubernetesClusterService) election.service();

        assertEquals(LeaseResourceType.Lease, service.getLeaseResourceType());
        assertEquals("rebound-mailbox", service.getKubernetesResourceName());
        assertEquals("mail", service.getKubernetesResourcesNamespace());
        assertEquals(15_000, service.getLeaseDurationMillis());
        assertEquals(10_000, service.getRenewDeadlineMillis());
        assertEquals(2_000, service.getRetryPeriodMillis());
    }

    private static CamelContext started() {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        return camel;
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}

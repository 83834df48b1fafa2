package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.dsn.Mutator;

/**
 * 10,000 damaged returned messages (the demo's real bounces, truncated, bit-flipped, stripped of CRs, nested ...)
 * drain through the pipeline: each is either stored or dead-lettered, the mailbox empties, Rebound stays up, and
 * its heap stays bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutatedMailIT {

    private static final int MUTANTS = 10_000;

    private RunningRebound rebound;
    private int delivered;

    @BeforeAll
    void drainTenThousandDamagedMessages() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s
                .with("camel.main.auto-startup-exclude-pattern", "fetch-bounces")
                .with("rebound.correlation.unmatched", "store")
                .with("rebound.non-bounce.policy", "dead-letter"));
        List<byte[]> originals = DemoCommand.demoMessages();
        Random random = new Random(20261127L);
        for (int i = 0; i < MUTANTS; i++) {
            try {
                rebound.mailbox.deliver(Mutator.mutate(originals.get(random.nextInt(originals.size())), random));
                delivered++;
            } catch (IllegalArgumentException e) {
                // GreenMail itself cannot hold this one: it never reaches the mailbox
            }
        }
        rebound.server.camelContext().getRouteController().startRoute("fetch-bounces");
        RunningRebound.await("the damaged mailbox drained", Duration.ofMinutes(5),
                () -> rebound.mailbox.messageCount() == 0);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void mostDamagedMessagesReachTheMailbox() {
        assertTrue(delivered > MUTANTS * 9 / 10, delivered + " delivered");
    }

    @Test
    void everyMessageIsStoredOrDeadLettered() {
        int recorded = rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'RECORDED'");
        int deadLettered = rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'DEAD_LETTERED'");
        int all = rebound.count("SELECT COUNT(*) FROM received_message");
        System.out.printf("mutated: %d delivered, %d distinct read, %d recorded, %d dead-lettered%n", delivered, all,
                recorded, deadLettered);
        assertEquals(all, recorded + deadLettered);
        assertTrue(recorded > 0 && deadLettered > 0, recorded + " recorded, " + deadLettered + " dead-lettered");
    }

    @Test
    void reboundIsStillRunning() {
        assertEquals(ServiceStatus.Started, rebound.server.camelContext().getStatus());
    }

    @Test
    void heapStaysBounded() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertTrue(used < 512L * 1024 * 1024, (used >> 20) + " MiB in use after the drain");
    }
}

package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.rebound.bench.ExpectedResults.Verdict;
import org.rebound.mailbox.MailboxAccount;

/**
 * CrashRecoveryIT's guarantee over IMAP: the real jar drains a GreenMail IMAP mailbox (in this JVM, so it survives)
 * of 1,000 generated messages (windows of 100) and is killed with SIGKILL three times mid-drain, at random moments (fixed seed) once
 * messages have begun to leave the inbox, the moment at which a window may be recorded but not yet expunged; at the
 * end every bounce is stored exactly once, every event was published, and the inbox is empty.
 */
class ImapCrashRecoveryIT {

    private static final Path JAR = Path.of("target", "rebound.jar");
    private static final int MESSAGES = 1_000;
    private static final int KILLS = 3;
    private static final long SEED = 14;
    private static final String POLICY = "dead-letter";

    @Test
    void threeKillsMidDrainOverImapLoseNothingAndStoreNothingTwice() throws Exception {
        assumeTrue(Files.exists(JAR), "needs the shaded jar: mvn package");
        Path work = Path.of("target", "crash-recovery-imap");
        BenchDatabase.deleteRecursively(work);
        BenchDatabase database = BenchDatabase.h2(work.resolve("h2"));
        BounceGenerator generator = BounceGenerator.fromDemoCorpus(SEED, BounceGenerator.Mix.DEFAULT);
        Random random = new Random(SEED);
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        List<String> kills = new ArrayList<>();
        try (DrainFixture fixture = DrainFixture.prepare(BenchMailbox.greenMail(MailboxAccount.Protocol.IMAP),
                database, work, generator, MESSAGES, 0)) {
            Map<String, String> settings = fixture.imapSettings(100, POLICY);
            // Windows of 100: a kill lands among many windows, some recorded and not yet expunged.
            settings.put("rebound.mailbox.window", "100");
            for (int life = 0; life <= KILLS; life++) {
                try (ReboundProcess rebound = ReboundProcess.start(JAR, List.of("-Xmx512m"), settings,
                        work.resolve("logs"));
                     DurableSubscriber subscriber = fixture.subscribeDurably(rebound, "crash-recovery-imap-it",
                             received, Duration.ofSeconds(60))) {
                    if (life < KILLS) {
                        kills.add(killMidDrain(rebound, fixture, random));
                    } else {
                        awaitDrained(fixture, received, Duration.ofMinutes(3));
                        Thread.sleep(2_000);
                        rebound.stop(30);
                    }
                }
            }
            Verdict verdict = fixture.verify(List.copyOf(received), POLICY);
            kills.forEach(k -> System.out.println("  kill -9 " + k));

            assertEquals(fixture.expected().events(), verdict.storedEvents(), "bounce rows");
            assertEquals(0, verdict.lost(), "bounce rows lost");
            assertEquals(0, verdict.duplicated(), "bounce rows duplicated");
            assertEquals(0, verdict.unexpected(), "bounce rows for no generated recipient");
            assertEquals(0, verdict.notPublished(), "events stored but never published");
            assertEquals(0, verdict.publishedNotStored(), "events published but not stored");
            assertEquals(0, verdict.mailboxRemaining(), "messages left in the mailbox");
        }
    }

    /** Kills the process a random while after this life's first window left the inbox. */
    private static String killMidDrain(ReboundProcess rebound, DrainFixture fixture, Random random)
            throws InterruptedException {
        int atStart = fixture.mailboxCount();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (fixture.mailboxCount() == atStart && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long after = random.nextInt(400);
        Thread.sleep(after);
        String where = String.format("%d ms after the first window of this life left the inbox (%d -> %d messages)",
                after, atStart, fixture.mailboxCount());
        rebound.kill();
        return where;
    }

    private static void awaitDrained(DrainFixture fixture, ConcurrentLinkedQueue<String> received, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int expected = fixture.expected().events();
        while (System.nanoTime() < deadline) {
            if (fixture.mailboxCount() == 0 && received.stream().distinct().count() >= expected) {
                return;
            }
            Thread.sleep(200);
        }
    }
}

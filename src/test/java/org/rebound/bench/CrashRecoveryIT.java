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

/**
 * Issue 6 item 6: the real jar drains a mailbox of 5,000 generated messages and is killed with SIGKILL five times
 * mid-drain, then started again; at the end every bounce is stored exactly once, every event was published at
 * least once (a durable subscription in this JVM sees what the killed process published, the outbox re-sends
 * what it had not marked), and the mailbox is empty. The POP3 server lives in this JVM and survives the kills.
 * Kills land at random moments (fixed seed): while messages are fetched, or while a committed window's messages
 * are being deleted, the moment at which a message is recorded but still in the mailbox.
 *
 * <p>H2 by default; -Drebound.crash.db=postgres runs it on the PostgreSQL at 127.0.0.1:5432 (database test).
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "rebound.jar");
    private static final int MESSAGES = 5_000;
    private static final int KILLS = 5;
    private static final long SEED = 6;
    private static final String POLICY = "dead-letter";

    @Test
    void fiveKillsMidDrainLoseNothingAndStoreNothingTwice() throws Exception {
        assumeTrue(Files.exists(JAR), "needs the shaded jar: mvn package");
        Path work = Path.of("target", "crash-recovery");
        BenchDatabase.deleteRecursively(work);
        BenchDatabase database = System.getProperty("rebound.crash.db", "h2").equals("postgres")
                ? BenchDatabase.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "rebound_crash")
                : BenchDatabase.h2(work.resolve("h2"));
        BounceGenerator generator = BounceGenerator.fromDemoCorpus(SEED, BounceGenerator.Mix.DEFAULT);
        Random random = new Random(SEED);
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        List<String> kills = new ArrayList<>();
        try (DrainFixture fixture = DrainFixture.prepare(BenchMailbox.greenMail(), database, work, generator,
                MESSAGES, 0)) {
            Map<String, String> settings = fixture.settings(100, POLICY);
            Pop3Tap tap = fixture.tap();
            for (int life = 0; life <= KILLS; life++) {
                try (ReboundProcess rebound = ReboundProcess.start(JAR, List.of("-Xmx512m"), settings,
                        work.resolve("logs"));
                     DurableSubscriber subscriber = fixture.subscribeDurably(rebound, "crash-recovery-it", received,
                             Duration.ofSeconds(60))) {
                    tap.open();
                    if (life < KILLS) {
                        kills.add(killMidDrain(rebound, tap, random, life % 2 == 1));
                    } else {
                        awaitDrained(fixture, received, Duration.ofMinutes(3));
                        // Let the relay mark its last batch sent before the clean stop.
                        Thread.sleep(2_000);
                        rebound.stop(30);
                    }
                }
            }
            Verdict verdict = fixture.verify(List.copyOf(received), POLICY);
            System.out.printf("crash recovery on %s, %d messages, %d kills:%n", database.name(), MESSAGES, KILLS);
            kills.forEach(k -> System.out.println("  kill -9 " + k));
            verdict.checks().forEach(c -> System.out.printf("  %s %s: %s%n", c.passed() ? "PASS" : "FAIL", c.name(),
                    c.detail()));
            System.out.printf("  bounce rows lost %d, duplicated %d, events lost %d, mailbox left %d%n",
                    verdict.lost(), verdict.duplicated(), verdict.notPublished(), verdict.mailboxRemaining());

            assertEquals(fixture.expected().events(), verdict.storedEvents(), "bounce rows");
            assertEquals(0, verdict.lost(), "bounce rows lost");
            assertEquals(0, verdict.duplicated(), "bounce rows duplicated");
            assertEquals(0, verdict.unexpected(), "bounce rows for no generated recipient");
            assertEquals(0, verdict.notPublished(), "events stored but never published");
            assertEquals(0, verdict.publishedNotStored(), "events published but not stored");
            assertEquals(0, verdict.mailboxRemaining(), "messages left in the mailbox");
        }
    }

    /**
     * Kills the process after a random number of further fetches, or, when {@code duringDeletes}, once the
     * messages of a committed window are being deleted (the tap sees DELE only after the window's commit).
     */
    private static String killMidDrain(ReboundProcess rebound, Pop3Tap tap, Random random, boolean duringDeletes)
            throws InterruptedException {
        int retrievedAtStart = tap.retrieved();
        int deletedAtStart = tap.deleted();
        int fetches = 50 + random.nextInt(600);
        int deletes = 1 + random.nextInt(150);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            boolean due = duringDeletes ? tap.deleted() - deletedAtStart >= deletes
                    : tap.retrieved() - retrievedAtStart >= fetches;
            if (due) {
                break;
            }
            Thread.sleep(1);
        }
        String where = String.format("after %d fetches and %d deletes in this life (target: %s)",
                tap.retrieved() - retrievedAtStart, tap.deleted() - deletedAtStart,
                duringDeletes ? deletes + " deletes" : fetches + " fetches");
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

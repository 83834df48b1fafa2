package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rebound.bench.FailoverDrill.Fault;
import org.rebound.bench.FailoverDrill.Mechanism;
import org.rebound.bench.FailoverDrill.Outcome;

/**
 * Issue 18, the small version of the failover drill that CI runs (the 10,000-message figures are the failover
 * command's, in the README): two processes of the real jar drain one Dovecot POP3 mailbox into the PostgreSQL at
 * 127.0.0.1:5432 while the elected poller is paused (SIGSTOP, SIGCONT once the other has taken over) or killed
 * (kill -9, then started again) mid-drain. Every bounce is recorded once, the mailbox is drained, each takeover comes
 * within 15 s, and Dovecot's log never shows both instances in the mailbox for longer than the election's lease.
 */
class FailoverIT {

    private static final Path JAR = Path.of("target", "rebound.jar");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void quartzPollerPausedThenKilledMidDrainLosesNothingAndDoublesNothing() throws Exception {
        Outcome outcome = drill(Mechanism.QUARTZ, List.of(Fault.PAUSE, Fault.KILL), 600);
        assertTrue(outcome.passed(), "the drill's checks: " + outcome.checks());
        assertEquals(2, outcome.takeovers().size(), "takeovers");
    }

    @Test
    void fileLockPollerKilledMidDrainLosesNothingAndDoublesNothing() throws Exception {
        Outcome outcome = drill(Mechanism.FILE, List.of(Fault.KILL), 400);
        assertTrue(outcome.passed(), "the drill's checks: " + outcome.checks());
    }

    private static Outcome drill(Mechanism mechanism, List<Fault> faults, int messages) throws Exception {
        assumeTrue(Files.exists(JAR), "needs the shaded jar: mvn package");
        assumeTrue(DovecotMailbox.installed(), "needs Dovecot (Debian package dovecot-pop3d)");
        String name = mechanism.name().toLowerCase(java.util.Locale.ROOT);
        Path work = Path.of("target", "failover-" + name);
        BenchDatabase.deleteRecursively(work);
        // Windows of 20: a mailbox of a few hundred takes long enough to drain to be hit mid-drain. The archive and
        // C1 start a restarted instance in seconds.
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
        jvm.addAll(ReboundProcess.archiveNextTo(JAR));
        FailoverDrill.Plan plan = new FailoverDrill.Plan(JAR, work,
                BenchDatabase.postgres(POSTGRES, "postgres", "", "rebound_failover_" + name), mechanism, faults,
                messages, 20, 500, 18, jvm, Duration.ofSeconds(15));
        return FailoverDrill.run(plan, System.out);
    }
}

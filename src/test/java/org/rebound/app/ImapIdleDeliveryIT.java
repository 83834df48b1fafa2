package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rebound.app.TestMail.Failure;
import org.rebound.bench.DovecotMailbox;
import org.rebound.mailbox.IdleThreads;
import org.rebound.mailbox.MailboxAccount;

/**
 * Rebound waits for new mail with IMAP IDLE (RFC 2177) where the server has it: with a poll delay of five minutes, a
 * bounce delivered while it waits is recorded within seconds (GreenMail has IDLE). A server without IDLE (Dovecot told
 * not to announce it; skipped where Dovecot is not installed) is polled every poll delay. The bounds are generous:
 * they tell a wait that IDLE ended from one that sat out the poll delay, not how fast either is.
 */
class ImapIdleDeliveryIT {

    private static final String LONG_POLL_DELAY = Long.toString(Duration.ofMinutes(5).toMillis());
    /** The default longest wait, which the demo mailbox shortens: here only IDLE can end a wait in time. */
    private static final String LONG_IDLE_MAX = "PT10M";

    @TempDir
    Path dir;

    @Test
    void aBounceDeliveredWhileReboundIdlesIsRecordedLongBeforeThePollDelay() throws Exception {
        try (RunningRebound rebound = startedWithLongWaits()) {
            IdleThreads.awaitAcknowledged();
            recordedOneBounce(rebound, 1);
            IdleThreads.awaitAcknowledged();

            recordedOneBounce(rebound, 2);

            assertEquals(0, rebound.mailbox.messageCount());
        }
    }

    @Test
    void stoppingReboundEndsItsIdleWait() throws Exception {
        try (RunningRebound rebound = startedWithLongWaits()) {
            IdleThreads.awaitAcknowledged();
            recordedOneBounce(rebound, 1);
            RunningRebound.await("a thread waiting with IDLE", Duration.ofSeconds(30),
                    () -> IdleThreads.waiting() > 0);

            rebound.server.close();

            // The mail server stays up, and Camel does not wait for the polling thread: unless stopping ends the
            // wait, it lasts rebound.mailbox.imap.idle-max (10 minutes).
            RunningRebound.await("no thread waiting with IDLE", Duration.ofSeconds(30),
                    () -> IdleThreads.waiting() == 0);
        }
    }

    @Test
    void aServerWithoutIdleIsPolled() throws Exception {
        assumeTrue(DovecotMailbox.installed() && DovecotMailbox.imapInstalled(), "Dovecot is not installed");
        // Dovecot's mail user must reach the Maildir under the test's folder, which JUnit makes private.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (DovecotMailbox dovecot = DovecotMailbox.start(dir.resolve("dovecot"),
                DovecotMailbox.Offer.imapWithoutIdle());
             RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), MailboxAccount.Protocol.IMAP,
                     s -> s.with("rebound.mailbox.port", Integer.toString(dovecot.imapPort()))
                             .with("rebound.mailbox.user", dovecot.user())
                             .with("rebound.mailbox.password", dovecot.password())
                             .with("rebound.mailbox.poll-delay", "1000"))) {
            // Time for a poll to find the inbox empty, so that a later one finds the bounce.
            Thread.sleep(3000);
            rebound.logSent("polled@sender.example", "polled@recipient.example", "winter", null);
            dovecot.deliver(TestMail.dsn("polled@sender.example",
                    List.of(new Failure("polled@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));

            RunningRebound.await("the bounce recorded and gone from the inbox", Duration.ofSeconds(30),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 1 && dovecot.messageCount() == 0);
        }
    }

    /** Rebound on GreenMail over IMAP, where neither the poll delay nor idle-max ends a wait within a test. */
    private static RunningRebound startedWithLongWaits() throws Exception {
        return RunningRebound.start(TestDatabase.h2(), MailboxAccount.Protocol.IMAP,
                s -> s.with("rebound.mailbox.poll-delay", LONG_POLL_DELAY)
                        .with("rebound.mailbox.imap.idle-max", LONG_IDLE_MAX));
    }

    /**
     * Delivers the n-th bounce and waits until it is recorded and gone from the inbox: polls have run, and the last
     * found the inbox drained.
     */
    private static void recordedOneBounce(RunningRebound rebound, int n) throws Exception {
        rebound.logSent("idle" + n + "@sender.example", "idle" + n + "@recipient.example", "winter", null);
        rebound.mailbox.deliver(TestMail.dsn("idle" + n + "@sender.example",
                List.of(new Failure("idle" + n + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        RunningRebound.await("bounce " + n + " recorded", Duration.ofSeconds(30),
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == n && rebound.mailbox.messageCount() == 0,
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") + " bounces recorded, "
                        + rebound.mailbox.messageCount() + " messages in the inbox, " + IdleThreads.waiting()
                        + " threads waiting for new mail, " + IdleThreads.acknowledged() + " in an acknowledged IDLE");
    }
}

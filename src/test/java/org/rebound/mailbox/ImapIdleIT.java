package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rebound.app.DemoMailbox;

/**
 * Waiting for new mail with IMAP IDLE (RFC 2177) against a real server (GreenMail, which has IDLE) over loopback. The
 * waits may last five minutes; each test is bounded well below that, so a wait that sat out its time fails the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapIdleIT {

    private static final Duration LONGEST = Duration.ofMinutes(5);

    private DemoMailbox mailbox;
    private ImapIdle idle;

    @BeforeEach
    void startMailbox() {
        mailbox = new DemoMailbox(MailboxAccount.Protocol.IMAP);
    }

    @AfterEach
    void stop() {
        if (idle != null) {
            idle.close();
        }
        mailbox.close();
    }

    @Test
    void theFirstWaitOnlyConnectsAndAsksForAPollAtOnce() {
        idle = new ImapIdle(connection(), LONGEST);

        assertTrue(idle.awaitNewMail());
    }

    @Test
    void mailDeliveredDuringAWaitEndsIt() throws Exception {
        idle = listening(LONGEST);
        CompletableFuture<Boolean> waited = waitUnderway();

        mailbox.deliver(message());

        assertTrue(waited.get(30, TimeUnit.SECONDS));
    }

    @Test
    void mailDeliveredBetweenWaitsEndsTheNextWaitAtOnce() throws Exception {
        idle = listening(LONGEST);
        mailbox.deliver(message());

        assertTrue(CompletableFuture.supplyAsync(idle::awaitNewMail).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aWaitWithoutNewMailEndsAfterItsLongestAndAsksForAPoll() {
        idle = listening(Duration.ofSeconds(1));

        assertTrue(idle.awaitNewMail());
    }

    @Test
    void closingEndsAWaitAtOnceWithoutAPoll() throws Exception {
        idle = listening(LONGEST);
        CompletableFuture<Boolean> waited = waitUnderway();

        idle.close();

        assertFalse(waited.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aDroppedConnectionEndsTheWaitWithoutAPoll() throws Exception {
        idle = listening(LONGEST);
        CompletableFuture<Boolean> waited = waitUnderway();

        mailbox.close();

        assertFalse(waited.get(30, TimeUnit.SECONDS));
    }

    /** A wait begun on another thread, once the server has acknowledged its IDLE. */
    private CompletableFuture<Boolean> waitUnderway() throws InterruptedException {
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(idle::awaitNewMail);
        IdleThreads.awaitAcknowledged();
        return waited;
    }

    /** An idle wait whose listening connection is open (its first wait done). */
    private ImapIdle listening(Duration longest) {
        ImapIdle opened = new ImapIdle(connection(), longest);
        assertTrue(opened.awaitNewMail(), "the listening connection opens");
        return opened;
    }

    private MailboxConnection connection() {
        return MailboxConnection.of(new MailboxAccount("default", MailboxAccount.Protocol.IMAP, "127.0.0.1",
                mailbox.port(), DemoMailbox.USER, new PasswordLogin(DemoMailbox.USER, DemoMailbox.PASSWORD),
                MailboxAccount.Authentication.PASSWORD, false, Optional.empty(), Duration.ofSeconds(10), "INBOX",
                ProcessedMail.expunged(), Optional.of(LONGEST)));
    }

    private static byte[] message() {
        return ("From: mailer-daemon@example.org\r\nTo: bounces@example.com\r\nSubject: idle\r\n"
                + "Message-ID: <idle@example.org>\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}

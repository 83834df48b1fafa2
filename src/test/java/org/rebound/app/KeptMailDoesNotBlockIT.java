package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rebound.mailbox.MailboxAccount;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;

/**
 * Mail kept in the mailbox (not bounces) sits in front of new bounces; with windows of two messages, three kept
 * messages would fill every window if they were fetched again. They are skipped by id instead (POP3 UIDL, IMAP
 * UIDVALIDITY and UID).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeptMailDoesNotBlockIT {

    private RunningRebound rebound;

    /** The protocol the mailbox is read with. */
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.POP3;
    }

    @BeforeAll
    void keepThreeThenBounceTwo() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(), protocol(), s -> s.with("rebound.mailbox.window", "2"));
        for (int i = 0; i < 3; i++) {
            String reply = new String(TestMail.personalReply(), StandardCharsets.US_ASCII)
                    .replace("<reply-1@customer.example>", "<reply-" + i + "@customer.example>");
            rebound.mailbox.deliver(reply.getBytes(StandardCharsets.US_ASCII));
        }
        RunningRebound.await("three replies kept", Duration.ofSeconds(30),
                () -> rebound.count("SELECT COUNT(*) FROM received_message WHERE outcome = 'KEPT'") == 3);
        for (int i = 0; i < 2; i++) {
            rebound.logSent("k" + i + "@sender.example", "k" + i + "@recipient.example", "winter", null);
            rebound.mailbox.deliver(TestMail.dsn("k" + i + "@sender.example",
                    List.of(new Failure("k" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        }
        RunningRebound.await("the bounces behind the kept mail", Duration.ofSeconds(30),
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 2);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void bouncesBehindKeptMailAreRecorded() {
        assertEquals(2, rebound.count("SELECT COUNT(*) FROM bounce_event"));
    }

    @Test
    void keptMailStaysInTheMailbox() throws Exception {
        RunningRebound.await("the bounces deleted", Duration.ofSeconds(10), () -> rebound.mailbox.messageCount() == 3);
        assertEquals(3, rebound.mailbox.messageCount());
    }
}

package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;

/** The bench's bare POP3 client against a real POP3 server (GreenMail over loopback). */
class BarePop3DrainTest {

    private DemoMailbox mailbox;
    private long delivered;

    @BeforeEach
    void mailboxOfFive() {
        mailbox = new DemoMailbox();
        for (int i = 0; i < 5; i++) {
            byte[] raw = ("Message-ID: <m" + i + "@test>\r\nSubject: " + i + "\r\n\r\n" + "body line\r\n".repeat(i + 1))
                    .getBytes(StandardCharsets.US_ASCII);
            mailbox.deliver(raw);
            delivered += raw.length;
        }
    }

    @AfterEach
    void close() {
        mailbox.close();
    }

    @Test
    void retrievesEveryMessage() throws Exception {
        assertEquals(5, BarePop3Drain.drain(mailbox.port(), DemoMailbox.USER, DemoMailbox.PASSWORD).messages());
    }

    @Test
    void leavesTheMailboxEmpty() throws Exception {
        BarePop3Drain.drain(mailbox.port(), DemoMailbox.USER, DemoMailbox.PASSWORD);
        assertEquals(0, mailbox.messageCount());
    }

    @Test
    void countsTheBytesOfTheMessagesAsServed() throws Exception {
        assertEquals(delivered, BarePop3Drain.drain(mailbox.port(), DemoMailbox.USER, DemoMailbox.PASSWORD).bytes());
    }

    @Test
    void refusedLoginIsAnError() {
        assertThrows(IOException.class, () -> BarePop3Drain.drain(mailbox.port(), DemoMailbox.USER, "wrong"));
    }
}

package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;

/** The tap between a real POP3 client (Jakarta Mail) and a real POP3 server (GreenMail). */
class Pop3TapTest {

    private DemoMailbox mailbox;
    private Pop3Tap tap;

    @BeforeEach
    void mailboxOfThree() throws Exception {
        mailbox = new DemoMailbox();
        for (int i = 0; i < 3; i++) {
            mailbox.deliver(("Message-ID: <m" + i + "@test>\r\nSubject: " + i + "\r\n\r\nbody " + i + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        tap = new Pop3Tap(mailbox.port());
        tap.open();
    }

    @AfterEach
    void close() throws Exception {
        tap.close();
        mailbox.close();
    }

    /** Reads every message through the tap and deletes the first {@code delete} of them at the end. */
    private void readAllAndDelete(int delete) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("pop3");
        store.connect("127.0.0.1", tap.port(), DemoMailbox.USER, DemoMailbox.PASSWORD);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message[] messages = inbox.getMessages();
        for (Message m : messages) {
            m.writeTo(java.io.OutputStream.nullOutputStream());
        }
        for (int i = 0; i < delete; i++) {
            messages[i].setFlag(Flags.Flag.DELETED, true);
        }
        inbox.close(true);
        store.close();
    }

    @Test
    void relaysASessionSoTheServerCarriesOutTheDeletes() throws Exception {
        readAllAndDelete(2);

        assertEquals(1, mailbox.messageCount());
    }

    @Test
    void timesEachDeletedMessageFromItsFetchToItsDelete() throws Exception {
        readAllAndDelete(2);

        assertEquals(3, tap.retrieved());
        assertEquals(2, tap.deleted());
        assertEquals(2, tap.latencies().count());
    }

    @Test
    void countsEachCommandTheClientSends() throws Exception {
        readAllAndDelete(0);

        assertEquals(Integer.valueOf(3), tap.commandCounts().get("RETR"));
        assertEquals(Integer.valueOf(1), tap.commandCounts().get("QUIT"));
    }

    @Test
    void notesTheFirstConnectionWhileClosed() throws Exception {
        try (Pop3Tap closed = new Pop3Tap(mailbox.port());
             java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), closed.port())) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (closed.firstConnectionNanos() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertNotEquals(0, closed.firstConnectionNanos());
        }
    }
}

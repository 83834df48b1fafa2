package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rebound.mailbox.MailboxAccount;
import org.rebound.mailbox.MailboxConnection;
import org.rebound.mailbox.MailboxReaderIT;
import org.rebound.mailbox.MailboxReader;
import org.rebound.mailbox.WindowLimits;
import org.rebound.mailbox.KeptMessages;
import org.rebound.message.Window;
import org.rebound.message.ReturnedMessage;

/**
 * The benchmark's Dovecot mailbox, read by Rebound's own mailbox reader: what is delivered comes out byte for byte
 * and leaves the mailbox when released. Skipped where Dovecot is not installed (Debian package dovecot-pop3d).
 */
class DovecotMailboxIT {

    @TempDir
    Path dir;

    private DovecotMailbox mailbox;
    private MailboxReader reader;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(DovecotMailbox.installed(), "Dovecot is not installed");
        mailbox = DovecotMailbox.start(dir);
        reader = new MailboxReader(MailboxConnection.of(MailboxReaderIT.account(MailboxAccount.Protocol.POP3,
                mailbox.port(), mailbox.user(), mailbox.password())), new WindowLimits(10, Long.MAX_VALUE, Integer.MAX_VALUE), 100, KeptMessages.of(List.of()),
                false, window -> { });
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
            mailbox.close();
        }
    }

    @Test
    void deliveredMessagesArriveByteForByteInOrder() throws Exception {
        mailbox.deliver(message(0));
        mailbox.deliver(message(1));

        List<ReturnedMessage> window = reader.nextWindow().messages();

        assertEquals(2, window.size());
        assertArrayEquals(message(0), window.get(0).raw());
        assertArrayEquals(message(1), window.get(1).raw());
    }

    @Test
    void releasedMessagesLeaveTheMailboxWhenTheSessionEnds() throws Exception {
        mailbox.deliver(message(0));
        mailbox.deliver(message(1));
        Window window = reader.nextWindow();
        reader.committed(MailboxReaderIT.released(window, window.messages().subList(0, 1)));

        reader.close();

        assertEquals(1, mailbox.messageCount());
    }

    private static byte[] message(int i) {
        return ("From: MAILER-DAEMON@mx.example\r\nTo: bounces@sender.example\r\nSubject: returned " + i
                + "\r\nMessage-ID: <m" + i + "@mx.example>\r\n\r\nbody " + i + "\r\n.leading dot\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

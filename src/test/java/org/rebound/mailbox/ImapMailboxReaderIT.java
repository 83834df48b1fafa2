package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;

/** The mailbox reader against a real IMAP server (GreenMail) over loopback. */
class ImapMailboxReaderIT {

    private static final String PROCESSED = "Rebound-Processed";

    private final List<List<ReturnedMessage>> downloaded = new CopyOnWriteArrayList<>();
    private DemoMailbox mailbox;
    private MailboxReader reader;

    @BeforeEach
    void startMailbox() throws Exception {
        mailbox = new DemoMailbox(MailboxAccount.Protocol.IMAP);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        mailbox.close();
    }

    @Test
    void windowsHoldAtMostTheWindowSize() throws Exception {
        deliver(7);
        reader = reader(3, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Window window = reader.nextWindow();
            sizes.add(window.messages().size());
            commit(window);
        }

        assertEquals(List.of(3, 3, 1, 0), sizes);
    }

    @Test
    void messagesArriveByteForByteInMailboxOrder() throws Exception {
        deliver(2);
        reader = reader(10, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));

        List<ReturnedMessage> window = reader.nextWindow().messages();

        assertArrayEquals(message(0), window.get(0).raw());
        assertArrayEquals(message(1), window.get(1).raw());
    }

    @Test
    void windowsHoldAtMostTheWindowBytesByRfc822Size() throws Exception {
        for (int i = 0; i < 5; i++) {
            mailbox.deliver(kilobyteMessage(i));
        }
        reader = new MailboxReader(connection(ProcessedMail.movedTo(PROCESSED)),
                new WindowLimits(100, 2_500, Integer.MAX_VALUE), 100, KeptMessages.of(List.of()), false,
                downloaded::add);

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Window window = reader.nextWindow();
            sizes.add(window.messages().size());
            commit(window);
        }

        assertEquals(List.of(2, 2, 1), sizes);
    }

    @Test
    void aMessageOverTheSizeLimitIsHandedOutAsItsHeaderSectionOnly() throws Exception {
        mailbox.deliver(kilobyteMessage(0));
        reader = new MailboxReader(connection(ProcessedMail.movedTo(PROCESSED)),
                new WindowLimits(100, Long.MAX_VALUE, 500), 100, KeptMessages.of(List.of()), false,
                downloaded::add);

        ReturnedMessage m = reader.nextWindow().messages().get(0);

        assertTrue(m.tooLarge().getAsLong() >= 1_000, m.tooLarge().toString());
        String text = new String(m.raw(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("Message-ID: <k0@mx.example>\r\n") && text.endsWith("\r\n\r\n")
                && !text.contains("0123456789"), text);
    }

    @Test
    void committedMessagesAreMovedToTheProcessedFolderAtOnce() throws Exception {
        deliver(3);
        reader = reader(10, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));

        commitFirst(reader.nextWindow(), 2);

        // IMAP has no QUIT-time deletion: the move happens at the commit, while the session goes on.
        assertEquals(1, mailbox.messageCount());
        assertEquals(2, mailbox.messageCount(PROCESSED));
    }

    @Test
    void committedMessagesAreExpungedWhenSoConfigured() throws Exception {
        deliver(3);
        reader = reader(10, ProcessedMail.expunged(), KeptMessages.of(List.of()));

        commitFirst(reader.nextWindow(), 2);

        assertEquals(1, mailbox.messageCount());
        assertEquals(0, mailbox.messageCount(PROCESSED));
    }

    @Test
    void aFailedWindowKeepsItsMessages() throws Exception {
        deliver(4);
        reader = reader(2, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));
        commit(reader.nextWindow());
        Window failed = reader.nextWindow();

        reader.windowFailed(failed);

        assertEquals(2, mailbox.messageCount());
        assertEquals(2, reader.nextWindow().messages().size());
    }

    @Test
    void idsAreTheFoldersUidValidityAndTheMessagesUid() throws Exception {
        deliver(3);
        reader = reader(10, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));

        List<String> ids = reader.nextWindow().messages().stream().map(ReturnedMessage::mailboxUid).toList();

        assertEquals(3, ids.stream().distinct().count());
        assertTrue(ids.stream().allMatch(id -> id.matches("\\d+:\\d+")), ids.toString());
    }

    @Test
    void keptMessagesAreSkippedByUidWithoutBeingDownloaded() throws Exception {
        deliver(5);
        List<String> firstTwo = new ArrayList<>();
        try (MailboxReader probe = reader(2, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()))) {
            probe.nextWindow().messages().forEach(m -> firstTwo.add(m.mailboxUid()));
        }
        reader = reader(3, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(firstTwo));

        List<ReturnedMessage> window = reader.nextWindow().messages();

        assertEquals(3, window.size());
        assertTrue(window.stream().noneMatch(m -> firstTwo.contains(m.mailboxUid())));
    }

    @Test
    void copiesOfAMessageLeaveWithIt() throws Exception {
        mailbox.deliver(message(0));
        mailbox.deliver(message(0));
        mailbox.deliver(message(1));
        reader = reader(10, ProcessedMail.movedTo(PROCESSED), KeptMessages.of(List.of()));

        commitFirst(reader.nextWindow(), 1);

        assertEquals(1, mailbox.messageCount());
    }

    private MailboxReader reader(int window, ProcessedMail processed, KeptMessages kept) {
        return new MailboxReader(connection(processed), new WindowLimits(window, Long.MAX_VALUE, Integer.MAX_VALUE),
                100, kept, false, downloaded::add);
    }

    private MailboxConnection connection(ProcessedMail processed) {
        return MailboxConnection.of(new MailboxAccount("default", MailboxAccount.Protocol.IMAP, "127.0.0.1",
                mailbox.port(), DemoMailbox.USER, new PasswordLogin(DemoMailbox.USER, DemoMailbox.PASSWORD),
                MailboxAccount.Authentication.PASSWORD, false, Optional.empty(), Duration.ofSeconds(10), "INBOX",
                processed, Optional.empty()));
    }

    /** What the mailbox consumer does once a window has committed, every message of it released. */
    private void commit(Window window) throws Exception {
        commitFirst(window, window.messages().size());
    }

    /** What the mailbox consumer does once a window has committed, releasing its first {@code n} messages. */
    private void commitFirst(Window window, int n) throws Exception {
        reader.committed(MailboxReaderIT.released(window, window.messages().subList(0, n)));
    }

    private void deliver(int n) {
        for (int i = 0; i < n; i++) {
            mailbox.deliver(message(i));
        }
    }

    private static byte[] kilobyteMessage(int i) {
        return ("From: MAILER-DAEMON@mx.example\r\nTo: bounces@sender.example\r\nSubject: returned " + i
                + "\r\nMessage-ID: <k" + i + "@mx.example>\r\n\r\n" + "0123456789\r\n".repeat(83) + "end\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] message(int i) {
        return ("From: MAILER-DAEMON@mx.example\r\nTo: bounces@sender.example\r\nSubject: returned " + i
                + "\r\nMessage-ID: <m" + i + "@mx.example>\r\n\r\nbody " + i + "\r\n.leading dot\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

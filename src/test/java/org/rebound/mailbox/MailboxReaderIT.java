package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;
import org.rebound.pipeline.DeleteAfterCommit;
import org.rebound.pipeline.DrainProgress;
import org.rebound.pipeline.KeptMessages;
import org.rebound.message.ReturnedMessage;

/** The mailbox reader against a real POP3 server (GreenMail) over loopback. */
public class MailboxReaderIT {

    private final DeleteAfterCommit deletes = new DeleteAfterCommit();
    private final List<List<ReturnedMessage>> downloaded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DemoMailbox mailbox;
    private DrainProgress progress;
    private MailboxReader reader;

    @BeforeEach
    void startMailbox() throws Exception {
        mailbox = new DemoMailbox();
        progress = DrainProgress.start(Clock.systemUTC(), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        progress.close();
        mailbox.close();
    }

    @Test
    void windowsHoldAtMostTheWindowSize() throws Exception {
        deliver(7);
        reader = reader(3, 100, KeptMessages.of(List.of()));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<ReturnedMessage> window = reader.nextWindow();
            sizes.add(window.size());
            commit(window);
        }

        assertEquals(List.of(3, 3, 1, 0), sizes);
    }

    @Test
    void windowsHoldAtMostTheWindowBytesByListedSize() throws Exception {
        for (int i = 0; i < 5; i++) {
            mailbox.deliver(kilobyteMessage(i));
        }
        reader = reader(new WindowLimits(100, 2_500, Integer.MAX_VALUE));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<ReturnedMessage> window = reader.nextWindow();
            sizes.add(window.size());
            commit(window);
        }

        assertEquals(List.of(2, 2, 1), sizes);
    }

    @Test
    void aMessageOverTheSizeLimitIsHandedOutAsItsHeaderSectionOnly() throws Exception {
        mailbox.deliver(kilobyteMessage(0));
        reader = reader(new WindowLimits(100, Long.MAX_VALUE, 500));

        ReturnedMessage m = reader.nextWindow().get(0);

        assertTrue(m.tooLarge().getAsLong() >= 1_000, m.tooLarge().toString());
        assertTrue(new String(m.raw(), StandardCharsets.US_ASCII).endsWith("@mx.example>\r\n\r\n"),
                new String(m.raw(), StandardCharsets.US_ASCII));
    }

    @Test
    void eachWindowIsAnnouncedAsDownloadedBeforeItIsHandedOut() throws Exception {
        deliver(5);
        reader = reader(3, 100, KeptMessages.of(List.of()));

        List<ReturnedMessage> first = reader.nextWindow();

        assertSame(first.get(0), downloaded.get(0).get(0));
        commit(first);
        List<ReturnedMessage> second = reader.nextWindow();
        assertSame(second.get(0), downloaded.get(1).get(0));
    }

    @Test
    void whatWasNotReleasedIsFetchedAgainByTheNextSession() throws Exception {
        deliver(2);
        reader = reader(5, 100, KeptMessages.of(List.of()));
        List<ReturnedMessage> first = reader.nextWindow();

        List<ReturnedMessage> again = reader.nextWindow();

        assertEquals(first.stream().map(ReturnedMessage::contentHash).toList(),
                again.stream().map(ReturnedMessage::contentHash).toList());
    }

    @Test
    void messagesArriveByteForByteInMailboxOrder() throws Exception {
        deliver(2);
        reader = reader(10, 100, KeptMessages.of(List.of()));

        List<ReturnedMessage> window = reader.nextWindow();

        assertArrayEquals(message(0), window.get(0).raw());
        assertArrayEquals(message(1), window.get(1).raw());
    }

    @Test
    void nothingLeavesTheMailboxUntilTheSessionEnds() throws Exception {
        deliver(4);
        reader = reader(2, 100, KeptMessages.of(List.of()));

        commit(reader.nextWindow());

        assertEquals(4, mailbox.messageCount());
    }

    @Test
    void aSessionEndingDeletesWhatItsWindowsReleased() throws Exception {
        deliver(6);
        reader = reader(2, 4, KeptMessages.of(List.of()));
        commit(reader.nextWindow());
        commit(reader.nextWindow());

        // The session has handed out its four messages: the next window comes from a new session.
        List<ReturnedMessage> third = reader.nextWindow();

        assertEquals(2, third.size());
        assertEquals(2, mailbox.messageCount());
    }

    @Test
    void onlyReleasedMessagesAreDeleted() throws Exception {
        deliver(3);
        reader = reader(10, 100, KeptMessages.of(List.of()));

        releaseFirstMessagesAndEndTheSession(2);

        assertEquals(1, mailbox.messageCount());
    }

    @Test
    void aFailedWindowKeepsItsMessagesAndEndsTheSession() throws Exception {
        deliver(4);
        reader = reader(2, 100, KeptMessages.of(List.of()));
        commit(reader.nextWindow());
        reader.nextWindow();

        reader.windowFailed();

        // The first window's deletions were carried out when the session ended; the failed window's were not.
        assertEquals(2, mailbox.messageCount());
    }

    @Test
    void aFailedWindowStillDeletesThePartsOfItThatCommitted() throws Exception {
        deliver(4);
        reader = reader(4, 100, KeptMessages.of(List.of()));
        List<ReturnedMessage> window = reader.nextWindow();
        // Poison isolation recorded the first half before the second failed.
        window.subList(0, 2).forEach(deletes::alreadyHandled);

        reader.windowFailed();

        assertEquals(2, mailbox.messageCount());
    }

    @Test
    void keptMessagesAreSkippedWithoutBeingCounted() throws Exception {
        deliver(5);
        List<String> firstTwo = new ArrayList<>();
        try (MailboxReader probe = reader(2, 100, KeptMessages.of(List.of()))) {
            probe.nextWindow().forEach(m -> firstTwo.add(m.mailboxUid()));
        }
        reader = reader(3, 100, KeptMessages.of(firstTwo));

        List<ReturnedMessage> window = reader.nextWindow();

        assertEquals(3, window.size());
        assertTrue(window.stream().noneMatch(m -> firstTwo.contains(m.mailboxUid())));
    }

    @Test
    void uniqueIdsAreThoseOfTheServer() throws Exception {
        deliver(3);
        reader = reader(10, 100, KeptMessages.of(List.of()));

        Set<String> ids = Set.copyOf(reader.nextWindow().stream().map(ReturnedMessage::mailboxUid).toList());

        assertEquals(3, ids.size());
        assertTrue(ids.stream().noneMatch(String::isEmpty));
    }

    @Test
    void withoutMailToKeepNoIdsAreListed() throws Exception {
        deliver(2);
        reader = reader(10, 100, KeptMessages.of(List.of()), false);

        assertTrue(reader.nextWindow().stream().allMatch(m -> m.mailboxUid().isEmpty()));
    }

    @Test
    void withoutIdsCommittedMessagesAreStillDeleted() throws Exception {
        deliver(3);
        reader = reader(10, 100, KeptMessages.of(List.of()), false);

        releaseFirstMessagesAndEndTheSession(2);

        assertEquals(1, mailbox.messageCount());
    }

    @Test
    void copiesOfAMessageLeaveWithIt() throws Exception {
        mailbox.deliver(message(0));
        mailbox.deliver(message(0));
        mailbox.deliver(message(1));
        reader = reader(10, 100, KeptMessages.of(List.of()), false);

        releaseFirstMessagesAndEndTheSession(1);

        assertEquals(1, mailbox.messageCount());
    }

    private MailboxReader reader(int window, int sessionMessages, KeptMessages kept) {
        return reader(window, sessionMessages, kept, true);
    }

    private MailboxReader reader(int window, int sessionMessages, KeptMessages kept, boolean keepPolicy) {
        return reader(new WindowLimits(window, Long.MAX_VALUE, Integer.MAX_VALUE), sessionMessages, kept,
                keepPolicy);
    }

    private MailboxReader reader(WindowLimits limits) {
        return reader(limits, 100, KeptMessages.of(List.of()), true);
    }

    private MailboxReader reader(WindowLimits limits, int sessionMessages, KeptMessages kept, boolean keepPolicy) {
        return new MailboxReader(MailboxConnection.of(account(MailboxAccount.Protocol.POP3, mailbox.port(),
                DemoMailbox.USER, DemoMailbox.PASSWORD)), limits, sessionMessages, kept, keepPolicy, deletes, progress,
                downloaded::add);
    }

    /** A plain account on loopback, its processed IMAP mail expunged. */
    public static MailboxAccount account(MailboxAccount.Protocol protocol, int port, String user, String password) {
        return new MailboxAccount("default", protocol, "127.0.0.1", port, user, new PasswordLogin(user, password),
                MailboxAccount.Authentication.PASSWORD, false, java.util.Optional.empty(), Duration.ofSeconds(10),
                "INBOX", ProcessedMail.expunged(), java.util.Optional.empty());
    }

    /** Fetches a window, commits its first {@code n} messages, and ends the session (QUIT). */
    private void releaseFirstMessagesAndEndTheSession(int n) throws Exception {
        commit(reader.nextWindow().subList(0, n));
        reader.close();
        reader = null;
    }

    /** What the pipeline does once a window's transaction has committed. */
    private void commit(List<ReturnedMessage> window) throws Exception {
        window.forEach(deletes::alreadyHandled);
        reader.deleteCommitted();
    }

    private void deliver(int n) {
        for (int i = 0; i < n; i++) {
            mailbox.deliver(message(i));
        }
    }

    /**
     * A message whose body is 1,000 bytes: GreenMail's LIST gives a message's body size (MimeMessage.getSize), where
     * RFC 1939 and Dovecot give the whole message's, and the limits these tests set hold for either.
     */
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

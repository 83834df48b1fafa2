package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;

/** The mailbox reader against a real POP3 server (GreenMail) over loopback. */
public class MailboxReaderIT {

    private final List<List<ReturnedMessage>> downloaded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DemoMailbox mailbox;
    private MailboxReader reader;

    @BeforeEach
    void startMailbox() throws Exception {
        mailbox = new DemoMailbox();
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
        reader = reader(3, 100, KeptMessages.of(List.of()));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Window window = reader.nextWindow();
            sizes.add(window.messages().size());
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
            Window window = reader.nextWindow();
            sizes.add(window.messages().size());
            commit(window);
        }

        assertEquals(List.of(2, 2, 1), sizes);
    }

    @Test
    void aMessageOverTheSizeLimitIsHandedOutAsItsHeaderSectionOnly() throws Exception {
        mailbox.deliver(kilobyteMessage(0));
        reader = reader(new WindowLimits(100, Long.MAX_VALUE, 500));

        ReturnedMessage m = reader.nextWindow().messages().get(0);

        assertTrue(m.tooLarge().getAsLong() >= 1_000, m.tooLarge().toString());
        assertTrue(new String(m.raw(), StandardCharsets.US_ASCII).endsWith("@mx.example>\r\n\r\n"),
                new String(m.raw(), StandardCharsets.US_ASCII));
    }

    @Test
    void eachWindowIsAnnouncedAsDownloadedBeforeItIsHandedOut() throws Exception {
        deliver(5);
        reader = reader(3, 100, KeptMessages.of(List.of()));

        Window first = reader.nextWindow();

        assertSame(first.messages().get(0), downloaded.get(0).get(0));
        commit(first);
        Window second = reader.nextWindow();
        assertSame(second.messages().get(0), downloaded.get(1).get(0));
    }

    @Test
    void whatWasNotReleasedIsFetchedAgainByTheNextSession() throws Exception {
        deliver(2);
        reader = reader(5, 100, KeptMessages.of(List.of()));
        Window first = reader.nextWindow();

        Window again = reader.nextWindow();

        assertEquals(first.messages().stream().map(ReturnedMessage::contentHash).toList(),
                again.messages().stream().map(ReturnedMessage::contentHash).toList());
    }

    @Test
    void messagesArriveByteForByteInMailboxOrder() throws Exception {
        deliver(2);
        reader = reader(10, 100, KeptMessages.of(List.of()));

        List<ReturnedMessage> window = reader.nextWindow().messages();

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
        Window third = reader.nextWindow();

        assertEquals(2, third.messages().size());
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
        Window failed = reader.nextWindow();

        reader.windowFailed(failed);

        // The first window's deletions were carried out when the session ended; the failed window's were not.
        assertEquals(2, mailbox.messageCount());
    }

    @Test
    void aFailedWindowStillDeletesThePartsOfItThatCommitted() throws Exception {
        deliver(4);
        reader = reader(4, 100, KeptMessages.of(List.of()));
        Window window = reader.nextWindow();

        // Poison isolation recorded the first half before the second failed.
        reader.windowFailed(released(window, window.messages().subList(0, 2)));

        assertEquals(2, mailbox.messageCount());
    }

    @Test
    void keptMessagesAreSkippedWithoutBeingCounted() throws Exception {
        deliver(5);
        List<String> firstTwo = new ArrayList<>();
        try (MailboxReader probe = reader(2, 100, KeptMessages.of(List.of()))) {
            probe.nextWindow().messages().forEach(m -> firstTwo.add(m.mailboxUid()));
        }
        reader = reader(3, 100, KeptMessages.of(firstTwo));

        List<ReturnedMessage> window = reader.nextWindow().messages();

        assertEquals(3, window.size());
        assertTrue(window.stream().noneMatch(m -> firstTwo.contains(m.mailboxUid())));
    }

    @Test
    void uniqueIdsAreThoseOfTheServer() throws Exception {
        deliver(3);
        reader = reader(10, 100, KeptMessages.of(List.of()));

        Set<String> ids = Set.copyOf(reader.nextWindow().messages().stream().map(ReturnedMessage::mailboxUid)
                .toList());

        assertEquals(3, ids.size());
        assertTrue(ids.stream().noneMatch(String::isEmpty));
    }

    @Test
    void withoutMailToKeepNoIdsAreListed() throws Exception {
        deliver(2);
        reader = reader(10, 100, KeptMessages.of(List.of()), false);

        assertTrue(reader.nextWindow().messages().stream().allMatch(m -> m.mailboxUid().isEmpty()));
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

    @Test
    void whatACommittedWindowKeptIsSkippedFromThenOn() throws Exception {
        deliver(3);
        reader = reader(2, 100, KeptMessages.of(List.of()));
        Window first = reader.nextWindow();
        reader.committed(kept(first, first.messages()));
        reader.windowFailed(reader.nextWindow());

        List<ReturnedMessage> next = reader.nextWindow().messages();

        assertEquals(List.of("returned 2"), next.stream().map(MailboxReaderIT::subject).toList());
    }

    @Test
    void aSessionsFirstWindowTellsHowManyMessagesTheMailboxHeld() throws Exception {
        deliver(5);
        reader = reader(2, 100, KeptMessages.of(List.of()));

        Window first = reader.nextWindow();
        commit(first);
        Window second = reader.nextWindow();

        assertEquals(new Window.Source("default", 5, true), first.source());
        assertEquals(new Window.Source("default", 5, false), second.source());
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
                DemoMailbox.USER, DemoMailbox.PASSWORD)), limits, sessionMessages, kept, keepPolicy, downloaded::add);
    }

    /** A plain account on loopback, its processed IMAP mail expunged. */
    public static MailboxAccount account(MailboxAccount.Protocol protocol, int port, String user, String password) {
        return new MailboxAccount("default", protocol, "127.0.0.1", port, user, new PasswordLogin(user, password),
                MailboxAccount.Authentication.PASSWORD, false, java.util.Optional.empty(), Duration.ofSeconds(10),
                "INBOX", ProcessedMail.expunged(), java.util.Optional.empty());
    }

    /** Fetches a window, commits it releasing its first {@code n} messages, and ends the session (QUIT). */
    private void releaseFirstMessagesAndEndTheSession(int n) throws Exception {
        Window window = reader.nextWindow();
        reader.committed(released(window, window.messages().subList(0, n)));
        reader.close();
        reader = null;
    }

    /** What the mailbox consumer does once a window has committed, every message of it released. */
    private void commit(Window window) throws Exception {
        reader.committed(released(window, window.messages()));
    }

    /** The window as the route returns it once committed, releasing these of its messages. */
    public static Window released(Window window, List<ReturnedMessage> released) {
        return new Window(window.source(), window.messages(), Set.of(), List.of(), List.of(),
                Set.copyOf(released.stream().map(ReturnedMessage::contentHash).toList()), Set.of());
    }

    /** The window as the route returns it once committed, keeping these of its messages in the mailbox. */
    private static Window kept(Window window, List<ReturnedMessage> kept) {
        return new Window(window.source(), window.messages(), Set.of(), List.of(), List.of(), Set.of(),
                Set.copyOf(kept.stream().map(ReturnedMessage::mailboxUid).toList()));
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

    private static String subject(ReturnedMessage m) {
        String text = new String(m.raw(), StandardCharsets.US_ASCII);
        int at = text.indexOf("Subject: ") + "Subject: ".length();
        return text.substring(at, text.indexOf("\r\n", at));
    }

    private static byte[] message(int i) {
        return ("From: MAILER-DAEMON@mx.example\r\nTo: bounces@sender.example\r\nSubject: returned " + i
                + "\r\nMessage-ID: <m" + i + "@mx.example>\r\n\r\nbody " + i + "\r\n.leading dot\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

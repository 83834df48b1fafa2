package org.rebound.mailbox;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one bounce mailbox (POP3 or IMAP) a window at a time for its route's consumer
 * ({@link MailboxWindowConsumer}), which calls it from one thread.
 *
 * <ul>
 * <li>One session serves several windows (up to {@code sessionMessages} messages), so a full mailbox is not
 * reconnected and re-listed per window; the session ends (for POP3 with QUIT, which carries out the deletions) when
 * it has handed out its messages, when a window fails, or at shutdown.</li>
 * <li>While a window is understood and recorded, the next one is already being downloaded, on a thread of its
 * own: the mailbox and the database work at the same time. At most two windows are in memory.</li>
 * <li>Only what a window's commit released ({@link Window#released()}) leaves the mailbox, after the commit:
 * a crash deletes nothing that was not recorded, and what was recorded but not yet deleted is recognised by its
 * content hash when it is fetched again.</li>
 * <li>Mail kept in the mailbox on purpose ({@link KeptMessages}) is skipped by unique id, never downloaded
 * again. POP3 lists the ids (UIDL) only when mail may be kept; IMAP lists its UIDs with the sizes anyway.</li>
 * </ul>
 */
public final class MailboxReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReader.class);

    private final MailboxConnection connection;
    private final WindowLimits window;
    private final int sessionMessages;
    private final KeptMessages kept;
    private final boolean keepPolicy;
    private final ReadAhead readAhead;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rebound-mailbox-prefetch");
        t.setDaemon(true);
        return t;
    });

    private Optional<MailboxSession> session = Optional.empty();
    private Optional<Future<List<ReturnedMessage>>> prefetched = Optional.empty();

    /**
     * @param keepPolicy whether mail that is not a bounce is kept in the mailbox (rebound.non-bounce.policy)
     * @param readAhead  told of each window as soon as it is downloaded, before it is handed out
     */
    public MailboxReader(MailboxConnection connection, WindowLimits window, int sessionMessages, KeptMessages kept,
            boolean keepPolicy, ReadAhead readAhead) {
        this.connection = connection;
        this.window = window;
        this.sessionMessages = sessionMessages;
        this.kept = kept;
        this.keepPolicy = keepPolicy;
        this.readAhead = readAhead;
    }

    /**
     * The next window, with no messages when the mailbox holds nothing new; the session that fetched it stays open
     * until the window has committed ({@link #committed}) or failed ({@link #windowFailed}).
     */
    public synchronized Window nextWindow() throws Exception {
        List<ReturnedMessage> messages;
        boolean opened = false;
        if (prefetched.isPresent()) {
            messages = take();
        } else {
            endSessionIfSpent();
            if (session.isEmpty()) {
                // Unique ids serve only to skip kept mail, so they are listed only when there may be some.
                session = Optional.of(connection.open(keepPolicy || !kept.isEmpty()));
                opened = true;
                LOG.debug("session on {}: {} messages", connection, session.get().size());
            }
            messages = fetch(session.get());
        }
        MailboxSession current = session.get();
        Window next = Window.of(new Window.Source(connection.accountName(), current.size(), opened), messages);
        if (messages.isEmpty()) {
            finishSession();
            return next;
        }
        if (!spent(current)) {
            prefetched = Optional.of(prefetcher.submit(() -> fetch(current)));
        }
        return next;
    }

    /**
     * After a window's commit: lets go of what it released (POP3 marks it for deletion at QUIT; IMAP moves or
     * expunges it now), and skips from now on what it kept.
     */
    public synchronized void committed(Window window) throws Exception {
        kept.remember(window.kept());
        release(window.released());
    }

    /**
     * A window failed: what it did not commit stays in the mailbox. The session ends now, carrying out the deletions
     * of what did commit (the windows before it, and the parts of this one that poison isolation recorded, which
     * the window names), so that an outage does not hold the mailbox's lock (RFC 1939 section 8) while fetching
     * backs off.
     */
    public synchronized void windowFailed(Window window) {
        kept.remember(window.kept());
        try {
            release(window.released());
        } catch (Exception e) {
            LOG.debug("committed messages not released, recognised when fetched again: {}", e.toString());
        }
        endSessionQuietly();
    }

    /**
     * Ends the session now, if one is open (POP3: QUIT, which deletes what committed windows released); what was
     * downloaded ahead and not recorded stays in the mailbox. The next window opens a new session.
     */
    public synchronized void endSession() {
        endSessionQuietly();
    }

    private void release(Collection<String> contentHashes) throws Exception {
        if (session.isPresent() && !contentHashes.isEmpty()) {
            session.get().release(contentHashes);
        }
    }

    /** Runs on the route's thread or the prefetcher's, never both at once: it takes no lock of this reader. */
    private List<ReturnedMessage> fetch(MailboxSession from) throws Exception {
        int room = sessionMessages - from.handedOut();
        if (room <= 0) {
            return List.of();
        }
        List<ReturnedMessage> messages = from.fetch(window.atMost(room), kept::contains);
        if (!messages.isEmpty()) {
            readAhead.downloaded(messages);
        }
        return messages;
    }

    private boolean spent(MailboxSession s) {
        return s.remaining() == 0 || s.handedOut() >= sessionMessages;
    }

    private List<ReturnedMessage> take() throws Exception {
        Future<List<ReturnedMessage>> next = prefetched.get();
        prefetched = Optional.empty();
        try {
            return next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void endSessionIfSpent() throws Exception {
        if (session.isPresent() && spent(session.get())) {
            finishSession();
        }
    }

    private void finishSession() throws Exception {
        if (prefetched.isPresent()) {
            // The session must not close under a download; what was downloaded is simply fetched again.
            try {
                take();
            } catch (Exception e) {
                LOG.debug("prefetch abandoned: {}", e.toString());
            }
        }
        if (session.isPresent()) {
            MailboxSession ending = session.get();
            session = Optional.empty();
            ending.close();
        }
    }

    /** Ends the session; a failure to end it cleanly is logged, and the next poll opens a new one. */
    private void endSessionQuietly() {
        try {
            finishSession();
        } catch (Exception e) {
            LOG.warn("the session on {} did not end cleanly: {}", connection, e.toString());
            session = Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        try {
            endSessionQuietly();
        } finally {
            prefetcher.shutdownNow();
        }
    }
}

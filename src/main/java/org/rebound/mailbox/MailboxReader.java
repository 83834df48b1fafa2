package org.rebound.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.rebound.pipeline.DeleteAfterCommit;
import org.rebound.pipeline.DrainProgress;
import org.rebound.pipeline.KeptMessages;
import org.rebound.message.ReturnedMessage;
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
 * <li>Only what a window's commit released ({@link DeleteAfterCommit}) leaves the mailbox, after the commit:
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
    private final DeleteAfterCommit deletes;
    private final DrainProgress progress;
    private final Consumer<List<ReturnedMessage>> downloaded;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rebound-mailbox-prefetch");
        t.setDaemon(true);
        return t;
    });

    private Optional<MailboxSession> session = Optional.empty();
    private Optional<Future<List<ReturnedMessage>>> prefetched = Optional.empty();

    /**
     * @param keepPolicy whether mail that is not a bounce is kept in the mailbox (rebound.non-bounce.policy)
     * @param downloaded told of each window as soon as it is downloaded, before it is handed out, on the thread
     *                   that downloaded it: the work on a window can start while the window before is recorded
     */
    public MailboxReader(MailboxConnection connection, WindowLimits window, int sessionMessages, KeptMessages kept,
            boolean keepPolicy, DeleteAfterCommit deletes, DrainProgress progress,
            Consumer<List<ReturnedMessage>> downloaded) {
        this.connection = connection;
        this.window = window;
        this.sessionMessages = sessionMessages;
        this.kept = kept;
        this.keepPolicy = keepPolicy;
        this.deletes = deletes;
        this.progress = progress;
        this.downloaded = downloaded;
    }

    /**
     * The next window of messages, or an empty list when the mailbox holds nothing new; the session that fetched
     * it stays open until the window's deletions are marked ({@link #deleteCommitted()}).
     */
    public synchronized List<ReturnedMessage> nextWindow() throws Exception {
        List<ReturnedMessage> messages;
        if (prefetched.isPresent()) {
            messages = take();
        } else {
            endSessionIfSpent();
            if (session.isEmpty()) {
                // Unique ids serve only to skip kept mail, so they are listed only when there may be some.
                MailboxSession opened = connection.open(keepPolicy || !kept.isEmpty());
                session = Optional.of(opened);
                progress.sessionStarted(opened.size());
                LOG.debug("session on {}: {} messages", connection, opened.size());
            }
            messages = fetch(session.get());
        }
        if (messages.isEmpty()) {
            endSession();
            return messages;
        }
        progress.fetched(messages.size());
        MailboxSession current = session.get();
        if (!spent(current)) {
            prefetched = Optional.of(prefetcher.submit(() -> fetch(current)));
        }
        return messages;
    }

    /**
     * After a window's commit: lets go of what the commit released (POP3 marks it for deletion at QUIT; IMAP moves
     * or expunges it now).
     */
    public synchronized void deleteCommitted() throws Exception {
        List<String> ids = deletes.take();
        if (session.isPresent()) {
            session.get().release(ids);
        }
    }

    /**
     * A window failed: what it did not commit stays in the mailbox. The session ends now, carrying out the deletions
     * of what did commit (the windows before it, and the parts of it that poison isolation recorded), so that an
     * outage does not hold the mailbox's lock (RFC 1939 section 8) while fetching backs off.
     */
    public synchronized void windowFailed() {
        List<String> committed = deletes.take();
        try {
            if (session.isPresent()) {
                session.get().release(committed);
            }
        } catch (Exception e) {
            LOG.debug("committed messages not released, recognised when fetched again: {}", e.toString());
        }
        endSessionQuietly();
    }

    /** Runs on the route's thread or the prefetcher's, never both at once: it takes no lock of this reader. */
    private List<ReturnedMessage> fetch(MailboxSession from) throws Exception {
        int room = sessionMessages - from.handedOut();
        if (room <= 0) {
            return List.of();
        }
        List<ReturnedMessage> messages = from.fetch(window.atMost(room), kept::contains);
        if (!messages.isEmpty()) {
            downloaded.accept(messages);
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
            endSession();
        }
    }

    private void endSession() throws Exception {
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
            endSession();
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

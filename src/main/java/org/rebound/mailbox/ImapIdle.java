package org.rebound.mailbox;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, between polls of a drained IMAP folder, until the server reports new mail, with IDLE (RFC 2177) on a
 * connection of its own that stays open from one wait to the next: its folder stays selected (read-only), so mail
 * that arrives while a poll runs is reported at the next IDLE and none is missed. A poll session reads the folder as
 * before; this connection only listens.
 *
 * <p>A wait ends early when the server reports new mail (EXISTS above the known count, {@link MessageArrivals}),
 * when it has lasted its longest (RFC 2177 section 3: re-issued at least every 29 minutes), or when the consumer
 * stops ({@link #close()}, from another thread: DONE is sent at once, the wait does not sit out its time). The IDLE
 * is run on Angus Mail's protocol object inside {@link IMAPFolder#doCommand}, not with {@link IMAPFolder#idle},
 * because ending an {@code idle()} from another thread races with its start: an end asked for just before the IDLE
 * is sent would be lost, and the wait would last its whole time. Here starting and ending take one lock.
 *
 * <p>A server that does not announce IDLE is polled: this wait then returns at once, for good. A failure (the
 * connection dropped) closes the connection and returns: the consumer polls after the poll delay, and a poll that
 * fails backs off as any other; the next wait connects again.
 */
final class ImapIdle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImapIdle.class);

    private final MailboxConnection connection;
    private final Duration atMost;
    private final ScheduledExecutorService timer;

    /** The listening connection; only the waiting thread opens and uses it (and {@link #close()} when none waits). */
    private Optional<Listening> listening = Optional.empty();
    private boolean unsupported;

    // Guarded by this: what another thread (the timer, close) needs to end a wait.
    private boolean closed;
    private boolean waiting;
    private boolean ending;
    /** The protocol while an IDLE is in progress and DONE has not been sent. */
    private Optional<IMAPProtocol> idling = Optional.empty();

    /** @param atMost how long one wait lasts at most */
    ImapIdle(MailboxConnection connection, Duration atMost) {
        this.connection = connection;
        this.atMost = atMost;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rebound-imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Waits for new mail in the folder, once a poll has found it drained.
     *
     * @return true when the next poll should run at once: new mail was reported, the wait lasted its longest, or the
     *         listening connection has just been opened (what arrived before it selected the folder is only seen by a
     *         poll); false when the next poll waits the poll delay: the server has no IDLE, IDLE failed, or the
     *         consumer is stopping
     */
    boolean awaitNewMail() {
        synchronized (this) {
            if (closed || unsupported) {
                return false;
            }
            waiting = true;
            ending = false;
        }
        try {
            if (listening.isEmpty()) {
                listening = Listening.open(connection);
                if (listening.isEmpty()) {
                    unsupported = true;
                    LOG.info("{} does not announce IDLE (RFC 2177): it is polled every poll delay", connection);
                    return false;
                }
                LOG.debug("listening for new mail on {} with IDLE", connection);
                return true;
            }
            return idle(listening.get());
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("IDLE on {} failed, polling after the poll delay: {}", connection, CauseChain.of(e));
            stopListening();
            return false;
        } finally {
            synchronized (this) {
                waiting = false;
                if (closed) {
                    stopListening();
                }
            }
        }
    }

    private boolean idle(Listening on) throws MessagingException {
        on.arrivals.reset();
        ScheduledFuture<?> timeout = timer.schedule(this::endWait, atMost.toMillis(), TimeUnit.MILLISECONDS);
        try {
            on.folder.doCommand(p -> {
                idle(p, on.arrivals);
                return null;
            });
        } finally {
            timeout.cancel(false);
        }
        synchronized (this) {
            return !closed;
        }
    }

    /** One IDLE command: started, then ended by DONE once new mail arrives or the wait is ended from outside. */
    private void idle(IMAPProtocol p, MessageArrivals arrivals) throws ProtocolException {
        // Responses that were waiting (new mail reported while a poll ran) come in before or right after "+ idling".
        p.idleStart();
        synchronized (this) {
            if (ending || arrivals.arrived()) {
                p.idleAbort();
            } else {
                idling = Optional.of(p);
            }
        }
        try {
            for (;;) {
                Response r = p.readIdleResponse();
                if (r == null) {
                    return; // the IDLE is over
                }
                if (quietTimeout(r) && stillIdling()) {
                    // The read timeout (rebound.mailbox.timeout) passed without a word: IDLE goes on, as Angus Mail's.
                    continue;
                }
                if (r.isTagged()) {
                    synchronized (this) {
                        idling = Optional.empty();
                    }
                }
                if (!p.processIdleResponse(r)) {
                    return;
                }
                if (arrivals.arrived()) {
                    endWait();
                }
            }
        } finally {
            synchronized (this) {
                idling = Optional.empty();
            }
        }
    }

    private static boolean quietTimeout(Response r) {
        return r.isBYE() && r.isSynthetic() && r.getException() instanceof SocketTimeoutException timeout
                && timeout.bytesTransferred == 0;
    }

    private synchronized boolean stillIdling() {
        return idling.isPresent();
    }

    /** Ends the wait in progress, or the one about to start: DONE, once (RFC 2177 section 3). */
    private synchronized void endWait() {
        ending = true;
        if (idling.isPresent()) {
            idling.get().idleAbort();
            idling = Optional.empty();
        }
    }

    private void stopListening() {
        if (listening.isPresent()) {
            Listening ended = listening.get();
            listening = Optional.empty();
            ended.close();
        }
    }

    /** Ends a wait in progress at once (it returns false) and closes the listening connection. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            endWait();
            if (!waiting) {
                // No wait uses the connection; one in progress closes it itself as it returns.
                stopListening();
            }
        }
        timer.shutdownNow();
    }

    /** The listening connection: its store, its folder selected read-only, and what its responses say arrived. */
    private record Listening(IMAPStore store, IMAPFolder folder, MessageArrivals arrivals) {

        /** The folder selected on a connection of its own; empty when the server does not announce IDLE. */
        static Optional<Listening> open(MailboxConnection connection) throws MessagingException {
            Store store = connection.connect();
            try {
                IMAPStore imap = (IMAPStore) store;
                if (!imap.hasCapability("IDLE")) {
                    store.close();
                    return Optional.empty();
                }
                IMAPFolder folder = (IMAPFolder) imap.getFolder(connection.account().folder());
                folder.open(Folder.READ_ONLY);
                MessageArrivals arrivals = new MessageArrivals(folder.getMessageCount());
                folder.doCommand(p -> {
                    p.addResponseHandler(arrivals);
                    return null;
                });
                return Optional.of(new Listening(imap, folder, arrivals));
            } catch (MessagingException | RuntimeException e) {
                store.close();
                throw e;
            }
        }

        /** Closes the folder and logs out; a connection that has failed is simply dropped. */
        void close() {
            try {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("the IDLE connection's folder did not close cleanly: {}", e.toString());
            }
            try {
                store.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("the IDLE connection did not close cleanly: {}", e.toString());
            }
        }
    }
}

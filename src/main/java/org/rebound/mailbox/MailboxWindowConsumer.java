package org.rebound.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.rebound.election.Leadership;
import org.rebound.message.Window;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one mailbox and sends each window of messages through the route as one exchange, whose body is the
 * {@link Window}: the route returns it with each message's fate and, once committed, what may leave the mailbox and
 * what stays. The window's messages leave the mailbox in the exchange's completion ({@link Synchronization#onComplete}),
 * after the route has recorded them and its database transaction committed: POP3 marks them for deletion at QUIT,
 * IMAP moves or expunges them. A window whose exchange fails ({@link Synchronization#onFailure}) ends the session:
 * nothing of it is deleted, except the parts that poison isolation committed on their own (the failed exchange's
 * body is the window as far as it committed).
 *
 * <p>The next window downloads while this one is recorded ({@link MailboxReader}). A poll that sent a window is
 * followed at once by the next when the endpoint is greedy, unless the window held nothing new (every message dealt
 * with before, or held back): then the next poll waits the poll delay. A poll that fails to fetch (the server down,
 * the login refused) is reported to the endpoint's poll strategy ({@code PollPacer}), which backs off and logs once
 * per failing streak.
 *
 * <p>An IMAP mailbox whose server has IDLE is not polled every poll delay once drained: after the poll that found it
 * so, the consumer waits with IDLE ({@link ImapIdle}) and polls again as soon as new mail is reported (or the wait
 * has lasted its longest). The wait runs after the poll, not in it: it holds no window turn, so other mailboxes' windows
 * go on, and the poll strategy does not count it as a window that is stuck.
 *
 * <p>Where several instances run, each window starts only while the election ({@link Leadership}) says this instance
 * polls the mailbox. An instance that finds it no longer does (a paused leader woken after another took over) ends
 * its session at once: the window it had in flight has committed, and its messages leave the mailbox with the QUIT;
 * the next window, downloaded ahead, was not recorded and stays there. Nothing depends on the election being exact:
 * a message read by two instances is recorded once (its content hash) and deleted only after a commit.
 */
final class MailboxWindowConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxWindowConsumer.class);

    private final MailboxReader reader;
    private final Lock windowTurn;
    private final String accountName;
    private final Optional<ImapIdle> idle;
    private final Leadership leadership;
    /** Whether the last poll found nothing new to fetch; only the scheduler's thread uses it. */
    private boolean drained;
    /** What the last poll found: this instance the mailbox's poller or not, or (at first) nothing yet. */
    private Optional<Boolean> leading = Optional.empty();

    MailboxWindowConsumer(MailboxWindowEndpoint endpoint, Processor processor, MailboxReader reader, Lock windowTurn,
            String accountName, Optional<ImapIdle> idle, Leadership leadership) {
        super(endpoint, processor);
        this.reader = reader;
        this.windowTurn = windowTurn;
        this.accountName = accountName;
        this.idle = idle;
        this.leadership = leadership;
        // Failures to fetch go to the poll strategy (PollPacer), which logs a failing streak once, not every poll.
        setExceptionHandler(new LoggingExceptionHandler(endpoint.getCamelContext(), getClass(), LoggingLevel.DEBUG));
    }

    /** A scheduled poll (greedy: until a poll sends nothing), then, while IDLE reports new mail, the next at once. */
    @Override
    public void run() {
        drained = false;
        try {
            super.run();
            while (drained && idle.isPresent() && isPollAllowed() && idle.get().awaitNewMail()) {
                drained = false;
                super.run();
            }
        } finally {
            if (leadership.elected()) {
                // Under an election a session lasts one turn: the next poll may be another instance's (Quartz
                // fires each poll on whichever instance takes it), and a session left open here would sit in the
                // mailbox beside the next poller's (failover drill: 11 s beside it, after a takeover).
                reader.endSession();
            }
        }
    }

    @Override
    protected int poll() throws Exception {
        drained = false;
        if (!leads()) {
            // Not (or no longer) this mailbox's poller: let go of the mailbox before anything more is read.
            reader.endSession();
            return 0;
        }
        windowTurn.lock();
        try {
            Window window;
            try {
                window = reader.nextWindow();
            } catch (Exception e) {
                reader.windowFailed(nothingCommitted());
                throw e;
            }
            if (window.messages().isEmpty()) {
                drained = true;
                return 0;
            }
            Exchange exchange = createExchange(false);
            try {
                exchange.getIn().setBody(window);
                exchange.getExchangeExtension().addOnCompletion(new WindowCompletion());
                getProcessor().process(exchange);
                if (exchange.isFailed()) {
                    // The route's failure handling has reported it (PollPacer); the completion ended the session.
                    LOG.debug("window of {} from {} failed: {}", window.messages().size(), accountName,
                            CauseChain.of(exchange.getException()));
                    return 0;
                }
                // Only messages dealt with before (a mailbox that never deletes), or held back: not a poll that
                // found work, so a greedy endpoint waits the poll delay instead of fetching them again at once.
                return done(exchange).dispositions().isEmpty() ? 0 : window.messages().size();
            } finally {
                releaseExchange(exchange, false);
            }
        } finally {
            windowTurn.unlock();
        }
    }

    /** Asks the election, and logs when this instance becomes, or stops being, the mailbox's poller. */
    private boolean leads() {
        boolean now = leadership.held();
        if (leadership.elected() && !leading.equals(Optional.of(now))) {
            LOG.info(now ? "mailbox {}: elected, this instance polls it now"
                    : "mailbox {}: not elected, another instance polls it", accountName);
        }
        leading = Optional.of(now);
        return now;
    }

    @Override
    protected void doStop() throws Exception {
        // An IDLE wait ends now, not when its time is up.
        idle.ifPresent(ImapIdle::close);
        super.doStop();
        reader.close();
    }

    /** After the route: the committed messages leave the mailbox, or, if the window failed, the session ends. */
    private final class WindowCompletion implements Synchronization {

        @Override
        public void onComplete(Exchange exchange) {
            Window committed = done(exchange);
            try {
                reader.committed(committed);
            } catch (Exception e) {
                // Recorded but still in the mailbox: fetched again later and recognised by its content hash.
                LOG.warn("recorded messages of {} could not be released; they are recognised when fetched again: {}",
                        accountName, CauseChain.of(e));
                reader.windowFailed(committed);
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            reader.windowFailed(done(exchange));
        }
    }

    /** The window as the route left it: with what committed, or (failed) as far as it committed. */
    private Window done(Exchange exchange) {
        Window window = exchange.getMessage().getBody(Window.class);
        return window != null ? window : nothingCommitted();
    }

    private Window nothingCommitted() {
        return Window.of(new Window.Source(accountName, 0, false), List.of());
    }
}

package org.rebound.pipeline;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rebound.message.Disposition;
import org.rebound.message.Window;

/**
 * How far a long drain of the mailbox has got (issue 7 item 3): messages fetched and done out of the mailbox's
 * size, windows, events stored, dead letters, the rate and the time left. A person follows it in the log (one line
 * every few seconds while there is work) or over JMX ({@link DrainProgressMBean}).
 *
 * <p>It is fed by the fetch route from each window (the body of the window's exchange): as the window enters the
 * route, and once it has committed. A drain begins with the first fetch after the mailbox was found empty (or at
 * start) and its total is what was done in it plus what the mailbox held when the latest session opened. Messages
 * kept in the mailbox are counted in the mailbox's size, though the reader skips them, so with a "keep" policy the
 * figures count them as still to do.
 */
public final class DrainProgress implements DrainProgressMBean, AutoCloseable {

    public static final String OBJECT_NAME = "org.rebound:type=DrainProgress";
    private static final Logger LOG = LoggerFactory.getLogger(DrainProgress.class);

    private final Clock clock;
    private final ScheduledExecutorService logger;
    private final MBeanServer mbeans;

    private long fetched;
    private long done;
    private long windows;
    private long events;
    private long deadLettered;
    private long kept;
    private long mailboxAtSessionStart;
    private long fetchedAtSessionStart;
    private long doneAtDrainStart;
    private Instant drainStart;
    private boolean idle = true;
    private long loggedDone = -1;

    DrainProgress(Clock clock, MBeanServer mbeans, Duration logEvery) {
        this.clock = clock;
        this.mbeans = mbeans;
        this.logger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rebound-drain-progress");
            t.setDaemon(true);
            return t;
        });
        long period = logEvery.toMillis();
        logger.scheduleAtFixedRate(this::logIfMoved, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts the progress log and registers the MBean on the platform MBean server. */
    public static DrainProgress start(Clock clock, Duration logEvery) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        DrainProgress progress = new DrainProgress(clock, server, logEvery);
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            // A second server in one JVM (tests): the newest one is the one to watch.
            server.unregisterMBean(name);
        }
        server.registerMBean(progress, name);
        return progress;
    }

    /**
     * A window downloaded from a mailbox, as it enters the route; the first window of a session tells how many
     * messages the mailbox held when that session (POP3 or IMAP) opened.
     */
    public synchronized void fetched(Window window) {
        if (window.source().firstOfSession()) {
            if (idle) {
                idle = false;
                drainStart = clock.instant();
                doneAtDrainStart = done;
            }
            mailboxAtSessionStart = window.source().mailboxSize();
            fetchedAtSessionStart = fetched;
        }
        fetched += window.messages().size();
    }

    /** A window committed (its parts, if poison isolation split it): its messages are done. */
    public synchronized void committed(Window window) {
        windows++;
        done = fetched;
        for (Disposition d : window.dispositions()) {
            events += d.recorded().size();
            if (d.deadLetterReason().isPresent()) {
                deadLettered++;
            }
            if (d.keepInMailbox()) {
                kept++;
            }
        }
        if (getRemaining() == 0) {
            idle = true;
        }
    }

    @Override
    public synchronized long getMessagesFetched() {
        return fetched;
    }

    @Override
    public synchronized long getMessagesDone() {
        return done;
    }

    @Override
    public synchronized long getWindows() {
        return windows;
    }

    @Override
    public synchronized long getEventsStored() {
        return events;
    }

    @Override
    public synchronized long getDeadLettered() {
        return deadLettered;
    }

    @Override
    public synchronized long getKept() {
        return kept;
    }

    @Override
    public synchronized long getMailboxSizeAtSessionStart() {
        return mailboxAtSessionStart;
    }

    @Override
    public synchronized long getRemaining() {
        return Math.max(0, mailboxAtSessionStart - (done - fetchedAtSessionStart));
    }

    @Override
    public synchronized double getMessagesPerSecond() {
        if (drainStart == null) {
            return 0;
        }
        double seconds = Duration.between(drainStart, clock.instant()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (done - doneAtDrainStart) / seconds;
    }

    @Override
    public synchronized long getEtaSeconds() {
        double rate = getMessagesPerSecond();
        return rate <= 0 ? -1 : Math.round(getRemaining() / rate);
    }

    /** The progress line: "drain: 4200 of 10000 messages (42 %), 950/s, about 6 s left; ...". */
    public synchronized String line() {
        long total = done - doneAtDrainStart + getRemaining();
        long drained = done - doneAtDrainStart;
        long eta = getEtaSeconds();
        return String.format(Locale.ROOT, "drain: %d of %d messages (%d %%), %.0f/s, %s; %d events stored, "
                        + "%d dead-lettered, %d kept, %d windows", drained, total,
                total == 0 ? 100 : drained * 100 / total, getMessagesPerSecond(),
                eta < 0 ? "time left unknown" : "about " + eta + " s left", events, deadLettered, kept, windows);
    }

    private void logIfMoved() {
        String line;
        synchronized (this) {
            if (fetched == loggedDone) {
                return;
            }
            loggedDone = fetched;
            line = line();
        }
        LOG.info(line);
    }

    @Override
    public void close() {
        logger.shutdownNow();
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (mbeans.isRegistered(name)) {
                mbeans.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("DrainProgress MBean already gone", e);
        }
    }
}

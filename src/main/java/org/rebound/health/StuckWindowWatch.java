package org.rebound.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a poll of the mailbox (fetch, understand and record a window) that does not end, and logs where every
 * thread is, once per stuck poll. A window that hangs leaves no other trace: one 100,000-message bench drain
 * stopped with no log line, and the stacks are what tells where. The health check says DOWN meanwhile
 * ({@link MailboxHealthCheck}).
 */
public final class StuckWindowWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StuckWindowWatch.class);

    private final PollPacer pacer;
    private final ScheduledExecutorService timer;
    private Optional<Instant> reported = Optional.empty();

    StuckWindowWatch(PollPacer pacer, ScheduledExecutorService timer) {
        this.pacer = pacer;
        this.timer = timer;
    }

    /** Checks every {@code periodSeconds} on a thread of its own until closed. */
    public static StuckWindowWatch start(PollPacer pacer, long periodSeconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rebound-stuck-window-watch");
            t.setDaemon(true);
            return t;
        });
        StuckWindowWatch watch = new StuckWindowWatch(pacer, timer);
        timer.scheduleWithFixedDelay(watch::check, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return watch;
    }

    /** Logs the stacks when a poll is stuck and has not been reported yet; true when it logged. */
    synchronized boolean check() {
        Optional<Instant> stuck = pacer.stuckSince();
        if (stuck.isEmpty() || stuck.equals(reported)) {
            return false;
        }
        reported = stuck;
        LOG.warn("a window has been fetched, understood and recorded since {}, longer than "
                + "rebound.mailbox.window-stuck-after ({}); every thread's stack:\n{}", stuck.get(),
                pacer.stuckAfter(), stacks());
        return true;
    }

    private static String stacks() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            out.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

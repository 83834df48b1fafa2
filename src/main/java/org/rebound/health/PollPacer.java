package org.rebound.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the mailboxes are polled; each mailbox route's consumer asks begin() before each poll.
 * <ul>
 * <li>A full mailbox drains without pause: the fetch route is greedy (a poll that fetched messages is followed at
 * once by the next), so windows follow each other; a poll that found nothing new waits the poll delay.</li>
 * <li>While windows fail (the database down, say) fetching backs off: the poll delay, then twice that, up to a
 * ceiling, so an outage leaves the mailbox untouched instead of downloading the same window again and again. The
 * first window that commits ends the backoff.</li>
 * <li>The log tells a failing streak once, with the cause chain, when it begins, and once when it ends: a failure
 * that lasts hours is two lines, not one stack trace per poll.</li>
 * </ul>
 */
public final class PollPacer implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(PollPacer.class);

    private final Clock clock;
    private final Duration first;
    private final Duration ceiling;
    private final Duration stuckAfter;
    private volatile Instant nextPoll = Instant.MIN;
    private volatile Duration current = Duration.ZERO;
    private volatile Optional<String> cause = Optional.empty();
    private volatile Optional<Instant> pollStarted = Optional.empty();
    private volatile int streak;
    private volatile Instant streakSince = Instant.MIN;
    /** By the route that reads the mailbox: when it last polled, and its last failure (the mailbox MBeans). */
    private final Map<String, Instant> lastPoll = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();

    /**
     * @param first      the first backoff (the poll delay)
     * @param ceiling    the longest backoff
     * @param stuckAfter how long one poll (fetch, understand and record a window) may run before it counts as stuck
     */
    public PollPacer(Clock clock, Duration first, Duration ceiling, Duration stuckAfter) {
        this.clock = clock;
        this.first = first;
        this.ceiling = ceiling;
        this.stuckAfter = stuckAfter;
    }

    /** A window failed: wait longer before the next poll. */
    public void windowFailed(Throwable failure) {
        String chain = CauseChain.of(failure);
        if (streak++ == 0) {
            streakSince = clock.instant();
            LOG.warn("a window was not recorded; its messages stay in the mailbox and fetching backs off (from {} "
                    + "up to {}) until a window commits again: {}", first, ceiling, chain);
        } else {
            LOG.debug("window failed again ({} in a row): {}", streak, chain);
        }
        current = current.isZero() ? first : min(current.multipliedBy(2), ceiling);
        nextPoll = clock.instant().plus(current);
        cause = Optional.of(chain);
    }

    /** A window of this route failed (the route's error handler): remembered as its last error, and backs off. */
    public void windowFailed(String routeId, Throwable failure) {
        lastError.put(routeId, clock.instant() + " " + CauseChain.of(failure));
        windowFailed(failure);
    }

    /** When the route last polled its mailbox (whether it found anything or not). */
    public Optional<Instant> lastPoll(String routeId) {
        return Optional.ofNullable(lastPoll.get(routeId));
    }

    /** The route's last failure, with its time; empty when none since start. */
    public Optional<String> lastError(String routeId) {
        return Optional.ofNullable(lastError.get(routeId));
    }

    /** A window committed: the backoff ends. */
    public void windowCommitted() {
        if (streak > 0) {
            LOG.info("windows are recorded again, after {} failed attempts since {}", streak, streakSince);
            streak = 0;
        }
        current = Duration.ZERO;
        cause = Optional.empty();
        nextPoll = Instant.MIN;
    }

    /** Why fetching is backing off, while it is. */
    public Optional<String> failure() {
        return cause;
    }

    /** When the poll that has run longer than the stuck limit began; empty while no poll is stuck. */
    public Optional<Instant> stuckSince() {
        Optional<Instant> started = pollStarted;
        return started.filter(s -> !clock.instant().isBefore(s.plus(stuckAfter)));
    }

    public Duration stuckAfter() {
        return stuckAfter;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        Instant now = clock.instant();
        if (now.isBefore(nextPoll)) {
            return false;
        }
        pollStarted = Optional.of(now);
        routeOf(consumer).ifPresent(route -> lastPoll.put(route, now));
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // a poll that ran; whether its window committed is reported by the route
        pollStarted = Optional.empty();
    }

    /** A poll that could not fetch a window (the mailbox unreachable, the login refused): a failed window. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        pollStarted = Optional.empty();
        routeOf(consumer).ifPresent(route -> lastError.put(route, clock.instant() + " " + CauseChain.of(cause)));
        windowFailed(cause);
        return false;
    }

    /** The route a mailbox consumer feeds (Camel's scheduled consumers know it). */
    private static Optional<String> routeOf(Consumer consumer) {
        return consumer instanceof RouteIdAware r ? Optional.ofNullable(r.getRouteId()) : Optional.empty();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

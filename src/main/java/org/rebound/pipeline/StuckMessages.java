package org.rebound.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rebound.text.CauseChain;
import org.rebound.message.ReturnedMessage;

/**
 * Messages that could be neither recorded nor dead-lettered (the dead-letter folder unwritable while the message
 * also failed on its own): they stay in the mailbox, and later polls skip them instead of failing on them again and
 * again. Each is tried again after a pause (the backoff ceiling), so a repaired folder or database lets them through
 * without a restart. While any is held here the pipeline's health check is DOWN, naming the count and the last
 * cause: a message Rebound cannot record is something an operator must hear about.
 *
 * <p>Kept in memory: the message itself stays in the mailbox, which is the durable record; a restart simply tries
 * it again.
 */
public final class StuckMessages {

    /** One message held back, and why. */
    public record Stuck(String contentHash, String cause, Instant since, Instant retryAt) {
    }

    private final Clock clock;
    private final Duration retryAfter;
    private final Map<String, Stuck> stuck = new ConcurrentHashMap<>();

    public StuckMessages(Clock clock, Duration retryAfter) {
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    /** The message could not be recorded nor dead-lettered: hold it back until the retry time. */
    public void hold(ReturnedMessage message, Throwable cause) {
        Instant now = clock.instant();
        stuck.merge(message.contentHash(),
                new Stuck(message.contentHash(), CauseChain.of(cause), now, now.plus(retryAfter)),
                (before, again) -> new Stuck(before.contentHash(), again.cause(), before.since(), again.retryAt()));
    }

    /** True while the message is held back and its retry time has not come. */
    public boolean skip(ReturnedMessage message) {
        Stuck s = stuck.get(message.contentHash());
        return s != null && clock.instant().isBefore(s.retryAt());
    }

    /** The message went through after all (recorded or dead-lettered). */
    public void released(String contentHash) {
        stuck.remove(contentHash);
    }

    public int count() {
        return stuck.size();
    }

    /** The most recent failure among the held messages. */
    public Optional<Stuck> latest() {
        return stuck.values().stream().max((a, b) -> a.since().compareTo(b.since()));
    }
}

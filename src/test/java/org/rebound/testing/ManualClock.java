package org.rebound.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** A UTC clock that a test moves by hand, and that counts how often it was read. */
public final class ManualClock extends Clock {

    private volatile Instant now = Instant.parse("2026-11-27T08:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** How many times {@link #instant()} was called. */
    public int reads() {
        return reads.get();
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

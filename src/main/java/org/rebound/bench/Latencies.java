package org.rebound.bench;

import java.time.Duration;
import java.util.Arrays;

/** A growing set of durations, safe to add to from several threads, with exact percentiles. */
public final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    public synchronized void add(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    public synchronized int count() {
        return size;
    }

    /**
     * The nearest-rank percentile (the smallest value with at least p % of the values at or below it), or zero
     * when there is none.
     */
    public synchronized Duration percentile(double p) {
        if (size == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return Duration.ofNanos(sorted[Math.max(0, Math.min(size, rank) - 1)]);
    }
}

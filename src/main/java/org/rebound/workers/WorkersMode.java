package org.rebound.workers;

import java.util.Locale;

/** Where a polled window is understood and recorded (rebound.workers.mode). */
public enum WorkersMode {
    /** In the process that polled it, in the window's own exchange: one machine's CPU. */
    INLINE,
    /**
     * Its raw messages go to a durable queue on the broker; workers (any instance with rebound.workers.enabled)
     * take them from there, understand, correlate and record them.
     */
    QUEUE;

    public static WorkersMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

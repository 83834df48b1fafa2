package org.rebound.pipeline;

import java.util.Locale;

/**
 * What becomes of a bounce that no correlation key ties to a sent message (rebound.correlation.unmatched), or that
 * one ties to a message sent to someone else (rebound.correlation.unproven).
 */
public enum UnmatchedPolicy {
    /** The returned message goes to the dead-letter folder as "uncorrelated"; its matched recipients are stored. */
    DEAD_LETTER,
    /** The bounce is stored and published without a sent message. */
    STORE;

    public static UnmatchedPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

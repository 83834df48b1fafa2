package org.rebound.pipeline;

import java.util.List;
import java.util.Locale;

/** What becomes of a bounce that no correlation key ties to a sent message (rebound.correlation.unmatched). */
public enum UnmatchedPolicy {
    /** The returned message goes to the dead-letter folder as "uncorrelated"; its matched recipients are stored. */
    DEAD_LETTER,
    /** The bounce is stored and published without a sent message. */
    STORE;

    public static UnmatchedPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The events to store and publish. */
    public List<BounceEvent> recorded(List<BounceEvent> events) {
        return this == STORE ? events : events.stream().filter(BounceEvent::correlated).toList();
    }

    /** The events whose returned message must go to the dead-letter folder. */
    public List<BounceEvent> deadLettered(List<BounceEvent> events) {
        return this == STORE ? List.of() : events.stream().filter(e -> !e.correlated()).toList();
    }
}

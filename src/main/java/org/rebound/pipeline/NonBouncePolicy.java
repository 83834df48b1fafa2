package org.rebound.pipeline;

import java.util.Locale;

/** What becomes of mail that is not a bounce (rebound.non-bounce.policy); it is never silently deleted. */
public enum NonBouncePolicy {
    /** Left in the mailbox for a person to read; remembered, so Rebound reads it only once. */
    KEEP,
    /** Forwarded, attached to a short note, to the address in rebound.non-bounce.forward-to, then deleted. */
    FORWARD,
    /** Moved to the dead-letter folder with the reason "not-a-bounce". */
    DEAD_LETTER;

    public static NonBouncePolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

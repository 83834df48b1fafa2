package org.rebound.reputation;

import java.util.Locale;

/** How serious a crossed threshold is. */
public enum Level {
    /** A provider reviews the sender, or asks it to stay under this. */
    WARNING,
    /** A provider suspends or rejects the sender's mail from here on. */
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

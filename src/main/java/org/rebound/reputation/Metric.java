package org.rebound.reputation;

import java.util.Locale;

/** What a reputation rate counts, per message sent. */
public enum Metric {
    /** Hard bounces: Amazon SES's bounce rate counts only these. */
    BOUNCE,
    /** Feedback reports (RFC 5965): recipients who marked the mail as spam. */
    COMPLAINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

package org.rebound.reputation;

import java.util.Locale;

/** What a rate is computed for: a campaign (the sending system's delivery id) or a receiving provider. */
public enum Scope {
    CAMPAIGN, PROVIDER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

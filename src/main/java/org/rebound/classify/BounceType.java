package org.rebound.classify;

import java.util.Locale;

/** Whether a bounce means the address is gone (HARD), may work later (SOFT), or is no failure at all (NONE). */
public enum BounceType {
    HARD, SOFT, NONE;

    public static BounceType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

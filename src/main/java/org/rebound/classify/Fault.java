package org.rebound.classify;

import java.util.Locale;

/**
 * Whose problem a failure is. Only RECIPIENT failures may count toward an address's quarantine: a blocked IP, a bad
 * reputation or a failed DMARC check is the sender's to fix, and the address is still good.
 */
public enum Fault {
    RECIPIENT, SENDER, NETWORK, CONTENT, NONE;

    public static Fault parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

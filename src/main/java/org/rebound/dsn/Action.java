package org.rebound.dsn;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Action field of a per-recipient DSN block (RFC 3464 section 2.3.3). */
public enum Action {
    FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED;

    /** What ends the first word: compiled once, as String.split would compile it on every call. */
    private static final Pattern WORD_END = Pattern.compile("[\\s(;]");

    /**
     * Reads an Action value. RFC 3464 allows only the five keywords; real MTAs add comments ("failed (bad
     * destination)") or other words, so the first word decides and anything unknown yields empty.
     */
    public static Optional<Action> parse(String text) {
        String word = WORD_END.split(text.trim().toLowerCase(Locale.ROOT), 2)[0];
        return switch (word) {
            case "failed", "failure", "fail" -> Optional.of(FAILED);
            case "delayed", "delay" -> Optional.of(DELAYED);
            case "delivered", "deliverable" -> Optional.of(DELIVERED);
            case "relayed" -> Optional.of(RELAYED);
            case "expanded" -> Optional.of(EXPANDED);
            default -> Optional.empty();
        };
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}

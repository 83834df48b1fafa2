package org.rebound.classify;

import java.util.Locale;

/** What an operator decided about an unknown diagnostic pattern (Adobe Campaign's delivery log qualification). */
public enum QualificationStatus {
    /** New: an operator should look at it and write a rule, or mark it. */
    TO_QUALIFY,
    /** Known and understood; the fallback's result is right and no rule is needed. */
    KEEP,
    /** Noise; hide it from the list. */
    IGNORE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QualificationStatus parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (QualificationStatus s : values()) {
            if (s.label().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown qualification status '" + text + "' (to_qualify, keep, ignore)");
    }
}

package org.rebound.correlate;

import java.util.Locale;

/**
 * Whether a bounce is proven to belong to a message sent to the recipient it names. Anyone can mail a bounce
 * address, and any newsletter recipient sees a Message-ID: a bounce may change an address's state (quarantine,
 * deny list) or a sent message's status only when it is proven, that is when the sent message it correlates with
 * went to the very recipient the bounce reports on.
 */
public enum Verification {
    /** A key found the sent message, and that message went to this recipient. */
    PROVEN("proven"),
    /**
     * A message-level key (Message-ID, ENVID, VERP, campaign header) found a sent message, but not one to this
     * recipient: a forwarding address, or a forged bounce quoting a real Message-ID for someone else.
     */
    OTHER_RECIPIENT("other-recipient"),
    /** Only the recipient and the time tie it to a sent message: a guess, never proof on its own. */
    RECIPIENT_AND_TIME_ONLY("recipient-time-only"),
    /** No key found a sent message. */
    UNCORRELATED("uncorrelated");

    private final String label;

    Verification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the bounce may change the recipient's state and the sent message's status. */
    public boolean proven() {
        return this == PROVEN;
    }

    public static Verification parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Verification v : values()) {
            if (v.label.equals(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verification: " + text);
    }
}

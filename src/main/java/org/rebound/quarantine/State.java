package org.rebound.quarantine;

import java.util.Locale;

/**
 * An address's standing under the quarantine policy, after Adobe Campaign's quarantine states
 * (https://experienceleague.adobe.com/docs/campaign-classic/using/sending-messages/monitoring-deliveries/understanding-quarantine-management.html).
 */
public enum State {
    /** Mail goes out; no counted error is pending. */
    VALID,
    /** Mail goes out, but soft errors are being counted toward quarantine. */
    WITH_ERRORS,
    /** No mail goes out: a hard bounce, or too many soft errors. Mailbox-full quarantine lifts with time. */
    QUARANTINED,
    /** No mail goes out, ever, without an operator: the recipient complained (RFC 5965 feedback report). */
    DENYLISTED;

    /** Reads a state as stored or configured: any case, '-' or '_' between words ("with-errors"). */
    public static State parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown address state '" + text + "'", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

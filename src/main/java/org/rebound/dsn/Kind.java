package org.rebound.dsn;

import java.util.Locale;

/** What a returned message is, as a whole. */
public enum Kind {
    /** A standard delivery status notification (RFC 3464, RFC 6533). */
    DSN,
    /** A bounce in a reporting MTA's own, non-standard format. */
    NON_STANDARD_BOUNCE,
    /** An automatic reply such as an out-of-office message (RFC 3834). */
    AUTO_REPLY,
    /** A complaint in the Abuse Reporting Format (RFC 5965). */
    FEEDBACK_REPORT,
    /** A notice that delivery is delayed but still being tried (RFC 3464 Action: delayed). */
    DELAY_NOTICE,
    /** A challenge-response system asking the sender to confirm itself. */
    CHALLENGE,
    /** A person answered the message. */
    HUMAN_REPLY,
    /** Anything else that reached the bounce mailbox. */
    NOT_A_BOUNCE;

    /** True when the message says something about the delivery to its recipients, so it yields recipient results. */
    public boolean reportsOnRecipients() {
        return this != HUMAN_REPLY && this != NOT_A_BOUNCE;
    }

    public static Kind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

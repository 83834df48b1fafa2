package org.rebound.mailbox;

import java.util.Objects;

/**
 * What every mailbox's reader shares: the window limits, how many messages one session hands out, the mail kept
 * on purpose, and who is told of each window as soon as it is downloaded (understanding starts then).
 *
 * @param keepPolicy whether mail that is not a bounce is kept in the mailbox (rebound.non-bounce.policy)
 */
public record WindowReading(WindowLimits limits, int sessionMessages, KeptMessages kept, boolean keepPolicy,
        ReadAhead readAhead) {

    public WindowReading {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(readAhead, "readAhead");
    }

    /** A reader of the mailbox behind this connection. */
    public MailboxReader reader(MailboxConnection connection) {
        return new MailboxReader(connection, limits, sessionMessages, kept, keepPolicy, readAhead);
    }
}

package org.rebound.mailbox;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.rebound.pipeline.DeleteAfterCommit;
import org.rebound.pipeline.DrainProgress;
import org.rebound.pipeline.KeptMessages;
import org.rebound.message.ReturnedMessage;

/**
 * What every mailbox's reader shares with the pipeline: the window limits, how many messages one session hands out,
 * the mail kept on purpose, what each commit releases, the drain's progress, and who is told of each window as soon
 * as it is downloaded (understanding starts then).
 *
 * @param keepPolicy whether mail that is not a bounce is kept in the mailbox (rebound.non-bounce.policy)
 */
public record WindowReading(WindowLimits limits, int sessionMessages, KeptMessages kept, boolean keepPolicy,
        DeleteAfterCommit deletes, DrainProgress progress, Consumer<List<ReturnedMessage>> downloaded) {

    public WindowReading {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(deletes, "deletes");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(downloaded, "downloaded");
    }

    /** A reader of the mailbox behind this connection. */
    public MailboxReader reader(MailboxConnection connection) {
        return new MailboxReader(connection, limits, sessionMessages, kept, keepPolicy, deletes, progress, downloaded);
    }
}

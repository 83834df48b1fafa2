package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rebound.mailbox.MailboxAccount;

/** The pipeline end to end on H2, reading the mailbox over IMAP (processed mail moved to a folder). */
class ImapPipelineIT extends PipelineContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.IMAP;
    }

    @Test
    void recordedMessagesAreMovedToTheProcessedFolder() {
        // Three bounces (one dead-lettered as uncorrelated) left the inbox for rebound.mailbox.imap.processed-folder.
        assertEquals(3, rebound.mailbox.messageCount(rebound.settings.text("rebound.mailbox.imap.processed-folder")));
    }
}

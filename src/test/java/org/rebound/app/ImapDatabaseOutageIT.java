package org.rebound.app;

import org.rebound.mailbox.MailboxAccount;

/** A database outage on IMAP: nothing leaves the inbox until its window commits. */
class ImapDatabaseOutageIT extends DatabaseOutageIT {

    @Override
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.IMAP;
    }
}

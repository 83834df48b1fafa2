package org.rebound.app;

import org.rebound.mailbox.MailboxAccount;

/** Kept mail does not block new bounces on IMAP either: it is skipped by UIDVALIDITY and UID, never downloaded. */
class ImapKeptMailDoesNotBlockIT extends KeptMailDoesNotBlockIT {

    @Override
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.IMAP;
    }
}

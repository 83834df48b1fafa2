package org.rebound.quarantine;

import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;

/** Recipient results for tests that need only an action. */
final class Recipients {

    private Recipients() {
    }

    static RecipientStatus withAction(Action action) {
        return new RecipientStatus("someone@example.org", "", action, Optional.empty(), "", "", "", "",
                SmtpCommand.UNKNOWN);
    }
}

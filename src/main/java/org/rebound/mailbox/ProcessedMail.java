package org.rebound.mailbox;

import java.util.Objects;
import java.util.Optional;

/**
 * What becomes of an IMAP message once its window has committed (rebound.mailbox.imap.processed): moved to a folder,
 * where a person can still find it, or flagged \Deleted and expunged (RFC 3501 sections 6.4.3 and 2.3.2). POP3 has
 * no folders: there a processed message is deleted at QUIT.
 *
 * @param movesTo the folder processed mail is moved to; empty: it is expunged
 */
public record ProcessedMail(Optional<String> movesTo) {

    public ProcessedMail {
        Objects.requireNonNull(movesTo, "movesTo");
    }

    public static ProcessedMail expunged() {
        return new ProcessedMail(Optional.empty());
    }

    public static ProcessedMail movedTo(String folder) {
        return new ProcessedMail(Optional.of(folder));
    }
}

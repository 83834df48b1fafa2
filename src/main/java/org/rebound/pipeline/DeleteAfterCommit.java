package org.rebound.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Disposition;

/**
 * Which messages of the current window may leave the mailbox: exactly those whose outcome the database has
 * committed, and those dealt with in an earlier window (fetched again after a crash between commit and delete),
 * named by content hash, so that every copy of a message in the session shares its fate. The mailbox reader takes
 * the list after the commit (the mailbox consumer's completion of the window's exchange) and lets them go: POP3 deletes
 * them at QUIT (RFC 1939 section 6), IMAP moves or expunges them at once. Windows of several mailboxes are recorded
 * one at a time, so what this holds is always the current window's mailbox's. A
 * window that fails commits nothing, releases nothing, and is fetched again. Windows are processed one at a time,
 * on the fetch route's thread.
 */
public final class DeleteAfterCommit {

    private final Set<String> deletable = new LinkedHashSet<>();

    /** A message that was dealt with before (recorded or dead-lettered): it may go. */
    public synchronized void alreadyHandled(ReturnedMessage message) {
        deletable.add(message.contentHash());
    }

    /** Called once the window's transaction has committed. */
    public synchronized void committed(List<Disposition> dispositions) {
        for (Disposition d : dispositions) {
            if (!d.keepInMailbox()) {
                deletable.add(d.message().contentHash());
            }
        }
    }

    /** The content hashes released since the last call; nothing carries over to the next window. */
    public synchronized List<String> take() {
        List<String> released = List.copyOf(deletable);
        deletable.clear();
        return released;
    }
}

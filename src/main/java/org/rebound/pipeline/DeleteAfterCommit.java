package org.rebound.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which messages of the current window may leave the mailbox: exactly those whose outcome the database has
 * committed, their second copies in the same window, and those dealt with in an earlier window (fetched again
 * after a crash between commit and delete). The mailbox reader takes the list after the commit and marks them for
 * deletion, which POP3 carries out at QUIT (RFC 1939 section 6). A window that fails commits nothing, releases
 * nothing, and is fetched again. Windows are processed one at a time, on the fetch route's thread.
 */
public final class DeleteAfterCommit {

    private final Set<String> deletable = new LinkedHashSet<>();
    /** Copies of a message that arrived more than once in one window, by content hash: they share its fate. */
    private final Map<String, List<String>> copies = new HashMap<>();

    /** A message that was dealt with before (recorded or dead-lettered): it may go. */
    public synchronized void alreadyHandled(ReturnedMessage message) {
        add(message.mailboxUid());
    }

    /** A second copy of a message in this window: it goes when the first one does. */
    public synchronized void copyOf(ReturnedMessage first, ReturnedMessage copy) {
        copies.computeIfAbsent(first.contentHash(), h -> new ArrayList<>()).add(copy.mailboxUid());
    }

    /** Called once the window's transaction has committed. */
    public synchronized void committed(List<Disposition> dispositions) {
        for (Disposition d : dispositions) {
            if (!d.keepInMailbox()) {
                add(d.message().mailboxUid());
                copies.getOrDefault(d.message().contentHash(), List.of()).forEach(this::add);
            }
        }
    }

    /** The mailbox ids released since the last call; nothing carries over to the next window. */
    public synchronized List<String> take() {
        List<String> released = List.copyOf(deletable);
        deletable.clear();
        copies.clear();
        return released;
    }

    private void add(String uid) {
        // Messages sent again from the dead-letter folder have no mailbox id.
        if (!uid.isEmpty()) {
            deletable.add(uid);
        }
    }
}

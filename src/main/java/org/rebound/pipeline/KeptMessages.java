package org.rebound.pipeline;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.rebound.store.ReceivedMessages;
import org.rebound.message.Disposition;

/**
 * The mailbox ids (POP3 UIDL; IMAP UIDVALIDITY and UID, as "uidvalidity:uid") of the messages Rebound keeps in the
 * mailbox (mail that is not a bounce, with the keep policy). The mailbox reader skips them before it downloads
 * anything, so kept mail is never fetched again and never fills a window that new bounces are waiting for. Only kept messages are remembered here; everything else
 * is deduplicated by content hash (WindowIntake). The set is read from the database at start and grows as windows
 * commit.
 */
public final class KeptMessages {

    private final Set<String> uids = ConcurrentHashMap.newKeySet();

    private KeptMessages(Collection<String> uids) {
        this.uids.addAll(uids);
    }

    /** The kept messages the database remembers. */
    public static KeptMessages load(ReceivedMessages received) throws SQLException {
        return of(received.keptMailboxUids());
    }

    public static KeptMessages of(Collection<String> uids) {
        return new KeptMessages(uids);
    }

    /** Called once a window has committed: its kept messages are skipped from now on. */
    public void remember(List<Disposition> window) {
        window.stream().filter(Disposition::keepInMailbox).map(d -> d.message().mailboxUid())
                .filter(uid -> !uid.isEmpty()).forEach(uids::add);
    }

    public boolean isEmpty() {
        return uids.isEmpty();
    }

    public boolean contains(String uid) {
        return uids.contains(uid);
    }
}

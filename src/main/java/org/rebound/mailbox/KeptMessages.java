package org.rebound.mailbox;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mailbox ids (POP3 UIDL; IMAP UIDVALIDITY and UID, as "uidvalidity:uid") of the messages Rebound keeps in the
 * mailbox (mail that is not a bounce, with the keep policy). The mailbox reader skips them before it downloads
 * anything, so kept mail is never fetched again and never fills a window that new bounces are waiting for. Only
 * kept messages are remembered here; everything else is deduplicated by content hash (pipeline.WindowIntake). The
 * set is read from the database at start (store.ReceivedMessages) and grows as windows commit: the reader learns
 * each committed window's kept ids from the window itself ({@link MailboxReader#committed}).
 */
public final class KeptMessages {

    private final Set<String> uids = ConcurrentHashMap.newKeySet();

    private KeptMessages(Collection<String> uids) {
        this.uids.addAll(uids);
    }

    public static KeptMessages of(Collection<String> uids) {
        return new KeptMessages(uids);
    }

    /** A committed window's kept messages: skipped from now on. */
    void remember(Collection<String> kept) {
        kept.stream().filter(uid -> !uid.isEmpty()).forEach(uids::add);
    }

    public boolean isEmpty() {
        return uids.isEmpty();
    }

    public boolean contains(String uid) {
        return uids.contains(uid);
    }
}

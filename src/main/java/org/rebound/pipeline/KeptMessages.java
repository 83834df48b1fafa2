package org.rebound.pipeline;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.rebound.store.ReceivedMessages;

/**
 * The POP3 UIDLs of the messages Rebound keeps in the mailbox (mail that is not a bounce, with the keep policy).
 * camel-mail asks this repository about each message before it fetches it or counts it toward the window, so kept
 * mail is never downloaded again and never fills a window that new bounces are waiting for. Only kept messages are
 * remembered here; everything else is deduplicated by content hash (WindowIntake). The set is read from the
 * database at start and grows as windows commit.
 */
public final class KeptMessages extends ServiceSupport implements IdempotentRepository {

    private final Set<String> uids = ConcurrentHashMap.newKeySet();
    private final ReceivedMessages received;

    public KeptMessages(ReceivedMessages received) {
        this.received = received;
    }

    @Override
    protected void doStart() throws SQLException {
        uids.addAll(received.keptMailboxUids());
    }

    /** Called once a window has committed: its kept messages are skipped from now on. */
    public void remember(List<Disposition> window) {
        window.stream().filter(Disposition::keepInMailbox).map(d -> d.message().mailboxUid())
                .filter(uid -> !uid.isEmpty()).forEach(uids::add);
    }

    /** camel-mail's question before a message is fetched: true means fetch it. */
    @Override
    public boolean add(String uid) {
        return !uids.contains(uid);
    }

    @Override
    public boolean contains(String uid) {
        return uids.contains(uid);
    }

    /** camel-mail forgets a message whose exchange failed; a kept message stays kept. */
    @Override
    public boolean remove(String uid) {
        return false;
    }

    @Override
    public boolean confirm(String uid) {
        return true;
    }

    @Override
    public void clear() {
        uids.clear();
    }
}

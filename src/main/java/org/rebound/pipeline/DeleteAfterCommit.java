package org.rebound.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;

import org.apache.camel.component.mail.MailBoxPostProcessAction;
import org.apache.camel.component.mail.MailUidGenerator;

/**
 * Deletes from the mailbox exactly the messages whose outcome the database has committed, at the end of each POP3
 * window. The fetch route runs with delete=false; camel-mail calls this action after the window's exchanges and
 * before it closes the folder, and POP3 sends DELE for the flagged messages only then, at QUIT (RFC 1939 section
 * 6). A window that fails commits nothing, flags nothing, and is fetched again.
 */
public final class DeleteAfterCommit implements MailBoxPostProcessAction {

    private final MailUidGenerator uids;
    private final Set<String> deletable = ConcurrentHashMap.newKeySet();
    /** Copies of a message that arrived more than once in one window, by content hash: they share its fate. */
    private final Map<String, List<String>> copies = new ConcurrentHashMap<>();

    public DeleteAfterCommit(MailUidGenerator uids) {
        this.uids = uids;
    }

    /** A message that was dealt with before (recorded or dead-lettered): it may go. */
    public void alreadyHandled(ReturnedMessage message) {
        add(message.mailboxUid());
    }

    /** A second copy of a message in this window: it goes when the first one does. */
    public void copyOf(ReturnedMessage first, ReturnedMessage copy) {
        copies.computeIfAbsent(first.contentHash(), h -> new ArrayList<>()).add(copy.mailboxUid());
    }

    /** Called once the window's transaction has committed. */
    public void committed(List<Disposition> dispositions) {
        for (Disposition d : dispositions) {
            List<String> sameContent = copies.getOrDefault(d.message().contentHash(), List.of());
            if (!d.keepInMailbox()) {
                add(d.message().mailboxUid());
                sameContent.forEach(this::add);
            }
        }
    }

    private void add(String uid) {
        if (!uid.isEmpty()) {
            deletable.add(uid);
        }
    }

    @Override
    public void process(Folder folder) throws Exception {
        try {
            int count = folder.getMessageCount();
            for (int i = 1; i <= count && !deletable.isEmpty(); i++) {
                Message message = folder.getMessage(i);
                if (deletable.remove(uids.generateUuid(null, message))) {
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            }
        } finally {
            // What was not found is no longer in the mailbox; nothing carries over to the next window.
            deletable.clear();
            copies.clear();
        }
    }
}

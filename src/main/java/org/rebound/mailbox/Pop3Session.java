package org.rebound.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.pop3.POP3Folder;
import org.rebound.pipeline.ReturnedMessage;

/**
 * One POP3 session on the bounce mailbox (RFC 1939). It lists every message's unique id once (UIDL without an
 * argument, section 7), hands out the messages' exact bytes a window at a time (RETR), and marks for deletion
 * only the messages whose outcome has been committed. The server removes them when the session ends with QUIT
 * (the UPDATE state, section 6); a session that breaks off deletes nothing.
 *
 * <p>Thread use: one thread fetches (the prefetcher) while another marks committed messages; marking is local to
 * the client, and the message list and ids are fixed when the session opens.
 */
final class Pop3Session implements AutoCloseable {

    private final Store store;
    private final POP3Folder folder;
    private final Message[] messages;
    private final String[] uids;
    private final Map<String, Message> byUid;
    private int next;

    private Pop3Session(Store store, POP3Folder folder, Message[] messages, String[] uids) {
        this.store = store;
        this.folder = folder;
        this.messages = messages;
        this.uids = uids;
        this.byUid = new HashMap<>(uids.length * 2);
        for (int i = 0; i < uids.length; i++) {
            byUid.put(uids[i], messages[i]);
        }
    }

    static Pop3Session open(Session mail, MailboxAccount account) throws MessagingException {
        Store store = mail.getStore(account.protocol().storeName());
        store.connect(account.host(), account.port(), account.user(), account.password());
        try {
            POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            Message[] messages = folder.getMessages();
            FetchProfile ids = new FetchProfile();
            ids.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, ids);
            String[] uids = new String[messages.length];
            for (int i = 0; i < messages.length; i++) {
                uids[i] = folder.getUID(messages[i]);
                if (uids[i] == null) {
                    throw new MessagingException("the POP3 server at " + account
                            + " gives no unique-id listing (UIDL, RFC 1939 section 7); Rebound needs it to delete"
                            + " exactly the messages it has recorded");
                }
            }
            return new Pop3Session(store, folder, messages, uids);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** How many messages the mailbox held when the session opened. */
    int size() {
        return messages.length;
    }

    /** How many messages this session has not handed out yet. */
    synchronized int remaining() {
        return messages.length - next;
    }

    /**
     * The next messages of the mailbox, in its order, up to {@code max} of them, leaving out those {@code skip}
     * names by unique id (mail kept in the mailbox on purpose), without downloading them.
     */
    synchronized List<ReturnedMessage> fetch(int max, Predicate<String> skip) throws MessagingException, IOException {
        List<ReturnedMessage> window = new ArrayList<>(Math.min(max, messages.length - next));
        while (next < messages.length && window.size() < max) {
            int i = next++;
            if (skip.test(uids[i])) {
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            messages[i].writeTo(bytes);
            window.add(ReturnedMessage.of(bytes.toByteArray(), uids[i]));
        }
        return window;
    }

    /** Marks these messages for deletion at QUIT; ids this session does not hold are ignored. */
    void delete(Collection<String> ids) throws MessagingException {
        for (String id : ids) {
            Message m = byUid.get(id);
            if (m != null) {
                m.setFlag(Flags.Flag.DELETED, true);
            }
        }
    }

    /** Ends the session with QUIT: the server deletes the marked messages now, and only now. */
    @Override
    public void close() throws MessagingException {
        try {
            if (folder.isOpen()) {
                folder.close(true);
            }
        } finally {
            store.close();
        }
    }
}

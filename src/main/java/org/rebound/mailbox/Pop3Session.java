package org.rebound.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * One POP3 session on the bounce mailbox (RFC 1939). It hands out the messages' exact bytes a window at a time
 * (RETR), and marks for deletion only the messages whose outcome has been committed, named by content hash. The
 * server removes them when the session ends with QUIT (the UPDATE state, section 6); a session that breaks off
 * deletes nothing.
 *
 * <p>Unique ids (UIDL, section 7) are listed only when asked for: Rebound needs them only to recognise mail it
 * keeps in the mailbox before downloading it again. Some servers answer the listing in a time that grows faster
 * than the mailbox (GreenMail: 1.7 s for 10,000 messages, minutes for 100,000).
 *
 * <p>Thread use: one thread fetches (the prefetcher) while another marks committed messages; marking is local to
 * the client, and the message list and ids are fixed when the session opens.
 */
final class Pop3Session implements AutoCloseable {

    private final Store store;
    private final POP3Folder folder;
    private final Message[] messages;
    private final String[] uids;
    /** The messages handed out in this session, by content hash (copies share one). */
    private final Map<String, List<Message>> byHash = new ConcurrentHashMap<>();
    private int next;
    private int handedOut;

    private Pop3Session(Store store, POP3Folder folder, Message[] messages, String[] uids) {
        this.store = store;
        this.folder = folder;
        this.messages = messages;
        this.uids = uids;
    }

    /** @param listIds whether to list the unique ids; without them, every message's {@code mailboxUid} is empty */
    static Pop3Session open(Session mail, MailboxAccount account, boolean listIds) throws MessagingException {
        Store store = mail.getStore(account.protocol().storeName());
        store.connect(account.host(), account.port(), account.user(), account.password());
        try {
            POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            Message[] messages = folder.getMessages();
            String[] uids = new String[messages.length];
            Arrays.fill(uids, "");
            if (!listIds) {
                return new Pop3Session(store, folder, messages, uids);
            }
            FetchProfile ids = new FetchProfile();
            ids.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, ids);
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

    /** How many messages this session has not looked at yet (handed out or skipped). */
    synchronized int remaining() {
        return messages.length - next;
    }

    /** How many messages this session has handed out. */
    synchronized int handedOut() {
        return handedOut;
    }

    /**
     * The next messages of the mailbox, in its order, up to {@code max} of them, leaving out those {@code skip}
     * names by unique id (mail kept in the mailbox on purpose), without downloading them.
     */
    synchronized List<ReturnedMessage> fetch(int max, Predicate<String> skip) throws MessagingException, IOException {
        List<ReturnedMessage> window = new ArrayList<>(Math.min(max, messages.length - next));
        while (next < messages.length && window.size() < max) {
            int i = next++;
            if (!uids[i].isEmpty() && skip.test(uids[i])) {
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            messages[i].writeTo(bytes);
            ReturnedMessage m = ReturnedMessage.of(bytes.toByteArray(), uids[i]);
            byHash.computeIfAbsent(m.contentHash(), h -> new CopyOnWriteArrayList<>()).add(messages[i]);
            window.add(m);
        }
        handedOut += window.size();
        return window;
    }

    /**
     * Marks for deletion at QUIT every message of this session with one of these content hashes; hashes of
     * messages this session did not hand out are ignored.
     */
    void delete(Collection<String> contentHashes) throws MessagingException {
        for (String hash : contentHashes) {
            for (Message m : byHash.getOrDefault(hash, List.of())) {
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

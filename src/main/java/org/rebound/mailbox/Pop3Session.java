package org.rebound.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Arrays;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.rebound.message.ReturnedMessage;

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
final class Pop3Session extends ListedSession {

    private final Store store;
    private final POP3Folder folder;
    /** Bounds what is read of a message over the size limit: its header section, never its body. */
    private static final int HEADER_SECTION_LIMIT = 1024 * 1024;

    /** @param sizes each message's size as the server lists it (LIST, RFC 1939 section 5) */
    private Pop3Session(Store store, POP3Folder folder, Message[] messages, String[] uids, int[] sizes) {
        super(messages, uids, Arrays.stream(sizes).asLongStream().toArray());
        this.store = store;
        this.folder = folder;
    }

    /**
     * @param store   a POP3 store, connected (logged in)
     * @param listIds whether to list the unique ids; without them, every message's {@code mailboxUid} is empty
     */
    static Pop3Session open(Store store, String account, boolean listIds) throws MessagingException {
        try {
            POP3Folder folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            Message[] messages = folder.getMessages();
            int[] sizes = folder.getSizes();
            String[] uids = new String[messages.length];
            Arrays.fill(uids, "");
            if (!listIds) {
                return new Pop3Session(store, folder, messages, uids, sizes);
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
            return new Pop3Session(store, folder, messages, uids, sizes);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    ReturnedMessage whole(Message message, String uid, long size) throws MessagingException, IOException {
        DownloadBuffer bytes = new DownloadBuffer(size);
        message.writeTo(bytes);
        return ReturnedMessage.of(bytes.toByteArray(), uid);
    }

    /** A message over the size limit is read as its header section with TOP (RFC 1939 section 7). */
    @Override
    ReturnedMessage headerSection(Message message, String uid, long size) throws MessagingException, IOException {
        try (InputStream top = ((POP3Message) message).top(0)) {
            return ReturnedMessage.headersOnly(top.readNBytes(HEADER_SECTION_LIMIT), uid, size);
        }
    }

    /** Marks the messages for deletion at QUIT; nothing is deleted before the session ends. */
    @Override
    public void release(Collection<String> contentHashes) throws MessagingException {
        for (String hash : contentHashes) {
            for (Message m : handedOutWith(hash)) {
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

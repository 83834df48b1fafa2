package org.rebound.mailbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.rebound.message.ReturnedMessage;

/**
 * One session on an IMAP mailbox folder (RFC 3501, RFC 9051). The folder's messages, their sizes (RFC822.SIZE) and
 * unique ids are listed in one FETCH when the session opens; each message is then downloaded whole with
 * BODY.PEEK[], which leaves its \Seen flag alone (kept mail stays unread for the person who reads it).
 *
 * <p>A message's id is the folder's UIDVALIDITY and its UID ({@code "uidvalidity:uid"}, RFC 3501 section 2.3.1.1):
 * together they name one message for as long as the folder exists, so kept mail is skipped by id; the content hash
 * still recognises a message fetched again (copied back, or a folder re-created with a new UIDVALIDITY).
 *
 * <p>Released messages leave the folder at once, not at the end of the session: moved to the processed folder
 * (MOVE, RFC 6851, or COPY then \Deleted and UID EXPUNGE where the server lacks MOVE) or flagged \Deleted and
 * expunged (UID EXPUNGE of exactly those messages, RFC 4315, where the server has UIDPLUS), as configured.
 */
final class ImapSession extends ListedSession {

    /** Bounds what is read of a message over the size limit: its header section, never its body. */
    private static final int HEADER_SECTION_LIMIT = 1024 * 1024;

    private final IMAPStore store;
    private final IMAPFolder folder;
    private final ProcessedMail processed;

    private ImapSession(IMAPStore store, IMAPFolder folder, ProcessedMail processed, Message[] messages,
            String[] uids, long[] sizes) {
        super(messages, uids, sizes);
        this.store = store;
        this.folder = folder;
        this.processed = processed;
    }

    /** @param store an IMAP store, connected (logged in) */
    static ImapSession open(Store store, String folderName, ProcessedMail processed) throws MessagingException {
        try {
            IMAPStore imap = (IMAPStore) store;
            if (processed.movesTo().isPresent()) {
                Folder target = imap.getFolder(processed.movesTo().get());
                if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                    throw new MessagingException("the IMAP folder " + processed.movesTo().get()
                            + " for processed mail does not exist and cannot be created");
                }
            }
            IMAPFolder folder = (IMAPFolder) imap.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            long validity = folder.getUIDValidity();
            Message[] messages = folder.getMessages();
            FetchProfile listing = new FetchProfile();
            listing.add(UIDFolder.FetchProfileItem.UID);
            listing.add(FetchProfile.Item.SIZE);
            folder.fetch(messages, listing);
            String[] uids = new String[messages.length];
            long[] sizes = new long[messages.length];
            for (int i = 0; i < messages.length; i++) {
                uids[i] = validity + ":" + folder.getUID(messages[i]);
                sizes[i] = Math.max(0, messages[i].getSize());
            }
            return new ImapSession(imap, folder, processed, messages, uids, sizes);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    ReturnedMessage whole(Message message, String uid, long size) throws MessagingException, IOException {
        IMAPMessage m = (IMAPMessage) message;
        m.setPeek(true);
        DownloadBuffer bytes = new DownloadBuffer(size);
        m.writeTo(bytes);
        return ReturnedMessage.of(bytes.toByteArray(), uid);
    }

    /** The header section as the server gives it (BODY.PEEK[HEADER]), lines joined by CRLF, blank line last. */
    @Override
    ReturnedMessage headerSection(Message message, String uid, long size) throws MessagingException {
        IMAPMessage m = (IMAPMessage) message;
        m.setPeek(true);
        StringBuilder text = new StringBuilder();
        for (Enumeration<String> lines = m.getAllHeaderLines(); lines.hasMoreElements()
                && text.length() < HEADER_SECTION_LIMIT; ) {
            text.append(lines.nextElement()).append("\r\n");
        }
        text.append("\r\n");
        return ReturnedMessage.headersOnly(text.toString().getBytes(StandardCharsets.ISO_8859_1), uid, size);
    }

    @Override
    public void release(Collection<String> contentHashes) throws MessagingException {
        List<Message> going = new ArrayList<>();
        for (String hash : contentHashes) {
            going.addAll(handedOutWith(hash));
        }
        if (going.isEmpty()) {
            return;
        }
        Message[] batch = going.toArray(Message[]::new);
        if (processed.movesTo().isPresent()) {
            Folder target = store.getFolder(processed.movesTo().get());
            if (store.hasCapability("MOVE")) {
                folder.moveMessages(batch, target);
                return;
            }
            folder.copyMessages(batch, target);
        }
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(batch);
        } else {
            // Without UIDPLUS, EXPUNGE removes every message flagged \Deleted in the folder, as a mail client would.
            folder.expunge();
        }
    }

    @Override
    public void close() throws MessagingException {
        try {
            if (folder.isOpen()) {
                // Released messages are gone already; closing expunges nothing else.
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }
}

package org.rebound.pipeline;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.apache.camel.component.mail.DefaultMailUidGenerator;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * Names each fetched message by its POP3 unique-id listing (UIDL, RFC 1939 section 7), which the server keeps
 * stable and distinct. camel-mail's default uses the Message-ID header, which returned mail may lack or share
 * (two bounces of one message), so it deletes the wrong message or none.
 */
public final class Pop3UidGenerator implements MailUidGenerator {

    private final DefaultMailUidGenerator fallback = new DefaultMailUidGenerator();
    /** The first message of the session whose UIDLs were fetched: a new session has new message objects. */
    private Message prefetchedSession;

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        if (message.getFolder() instanceof POP3Folder folder) {
            try {
                prefetch(folder);
                String uid = folder.getUID(message);
                if (uid != null) {
                    return uid;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("the POP3 server gave no UIDL for message "
                        + message.getMessageNumber() + ": " + e.getMessage(), e);
            }
        }
        // A server without UIDL (rare, RFC 1939 makes it optional): fall back to Camel's header-based id.
        return fallback.generateUuid(endpoint, message);
    }

    /**
     * Asks for every message's UIDL with one UIDL command per session (RFC 1939 section 7, without an argument),
     * instead of one command per message.
     */
    private synchronized void prefetch(POP3Folder folder) throws MessagingException {
        if (folder.getMessageCount() == 0) {
            return;
        }
        Message first = folder.getMessage(1);
        if (first != prefetchedSession) {
            FetchProfile uids = new FetchProfile();
            uids.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(folder.getMessages(), uids);
            prefetchedSession = first;
        }
    }
}

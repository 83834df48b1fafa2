package org.rebound.mailbox;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import jakarta.mail.MessagingException;

import org.rebound.message.ReturnedMessage;

/**
 * One session on a mailbox, POP3 ({@link Pop3Session}) or IMAP ({@link ImapSession}): it hands out the messages'
 * exact bytes a window at a time, in mailbox order, and lets go of the messages whose outcome has been committed,
 * named by content hash. What "lets go" means is the protocol's: POP3 marks them and deletes them at QUIT; IMAP
 * moves them to a folder or expunges them at once.
 *
 * <p>Thread use: one thread fetches (the prefetcher) while another releases committed messages.
 */
interface MailboxSession extends AutoCloseable {

    /** How many messages the mailbox held when the session opened. */
    int size();

    /** How many messages this session has not looked at yet (handed out or skipped). */
    int remaining();

    /** How many messages this session has handed out. */
    int handedOut();

    /**
     * The next messages of the mailbox, in its order, up to {@code limits.messages()} of them and, past the first,
     * up to {@code limits.bytes()} by their listed sizes, leaving out those {@code skip} names by unique id (mail
     * kept in the mailbox on purpose) without downloading them. A message listed larger than
     * {@code limits.messageBytes()} is never downloaded whole: only its header section is read, for the dead-letter
     * folder.
     */
    List<ReturnedMessage> fetch(WindowLimits limits, Predicate<String> skip) throws MessagingException, IOException;

    /**
     * Lets go of every message of this session with one of these content hashes (copies share one); hashes of
     * messages this session did not hand out are ignored.
     */
    void release(Collection<String> contentHashes) throws MessagingException;

    /** Ends the session; for POP3 this is when the released messages are deleted (QUIT, RFC 1939 section 6). */
    @Override
    void close() throws MessagingException;
}

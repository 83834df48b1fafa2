package org.rebound.pipeline;

/**
 * A message over rebound.parsing.max-message-bytes by the size the mailbox gave for it (POP3 LIST, RFC 1939 section
 * 5; IMAP RFC822.SIZE, RFC 3501 section 7.4.2)
 * 5): it was never downloaded whole, only its header section, which goes to the dead-letter folder as "too-large".
 */
public final class MessageTooLargeException extends Exception {

    public MessageTooLargeException(long size) {
        super("a message of " + size + " bytes in the mailbox, over rebound.parsing.max-message-bytes: only its "
                + "header section was downloaded (POP3 TOP, IMAP BODY.PEEK[HEADER]) and is kept here; the body was not "
                + "read");
    }
}

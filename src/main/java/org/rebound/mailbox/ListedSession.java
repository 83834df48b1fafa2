package org.rebound.mailbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import org.rebound.message.ReturnedMessage;

/**
 * What POP3 and IMAP sessions share: the mailbox's messages, their unique ids and listed sizes, all read when the
 * session opens, handed out a window at a time in mailbox order; the messages handed out are remembered by content
 * hash, so that releasing a hash reaches every copy. How a message is downloaded, whole or as its header section
 * only, and how a released message leaves the mailbox, are the protocol's ({@link Pop3Session}, {@link ImapSession}).
 */
abstract class ListedSession implements MailboxSession {

    private final Message[] messages;
    /** Each message's unique id; empty where none was listed (POP3 without UIDL). */
    private final String[] uids;
    /** Each message's size as the server lists it (POP3 LIST, IMAP RFC822.SIZE). */
    private final long[] sizes;
    private final Map<String, List<Message>> byHash = new ConcurrentHashMap<>();
    private int next;
    private int handedOut;

    ListedSession(Message[] messages, String[] uids, long[] sizes) {
        this.messages = messages;
        this.uids = uids;
        this.sizes = sizes;
    }

    /** The message, downloaded whole. */
    abstract ReturnedMessage whole(Message message, String uid, long size) throws MessagingException, IOException;

    /** Only the message's header section: it is listed larger than the limit. */
    abstract ReturnedMessage headerSection(Message message, String uid, long size)
            throws MessagingException, IOException;

    @Override
    public int size() {
        return messages.length;
    }

    @Override
    public synchronized int remaining() {
        return messages.length - next;
    }

    @Override
    public synchronized int handedOut() {
        return handedOut;
    }

    @Override
    public synchronized List<ReturnedMessage> fetch(WindowLimits limits, Predicate<String> skip)
            throws MessagingException, IOException {
        List<ReturnedMessage> window = new ArrayList<>(Math.min(limits.messages(), messages.length - next));
        long bytes = 0;
        while (next < messages.length && window.size() < limits.messages()) {
            int i = next;
            if (!uids[i].isEmpty() && skip.test(uids[i])) {
                next++;
                continue;
            }
            boolean tooLarge = sizes[i] > limits.messageBytes();
            long cost = tooLarge ? 0 : sizes[i];
            if (!window.isEmpty() && bytes + cost > limits.bytes()) {
                break;
            }
            next++;
            bytes += cost;
            ReturnedMessage m = tooLarge ? headerSection(messages[i], uids[i], sizes[i])
                    : whole(messages[i], uids[i], sizes[i]);
            byHash.computeIfAbsent(m.contentHash(), h -> new CopyOnWriteArrayList<>()).add(messages[i]);
            window.add(m);
        }
        handedOut += window.size();
        return window;
    }

    /** The messages handed out with this content hash (copies share one); none for a hash never handed out. */
    final List<Message> handedOutWith(String contentHash) {
        return byHash.getOrDefault(contentHash, List.of());
    }
}

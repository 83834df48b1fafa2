package org.rebound.mailbox;

/**
 * How much one window may hold, so that memory stays bounded whatever the mailbox holds: the reader keeps two
 * windows (one recorded while the next downloads), and a window is bounded by count and by bytes.
 *
 * @param messages     the most messages in a window (rebound.mailbox.window)
 * @param bytes        the most bytes in a window by the messages' listed sizes (rebound.mailbox.window-bytes); a
 *                     window always takes its first message
 * @param messageBytes the largest message downloaded whole (rebound.parsing.max-message-bytes); a larger one is
 *                     read as its header section only
 */
public record WindowLimits(int messages, long bytes, int messageBytes) {

    public WindowLimits {
        if (messages <= 0 || bytes <= 0 || messageBytes <= 0) {
            throw new IllegalArgumentException("window limits must be positive: " + messages + ", " + bytes + ", "
                    + messageBytes);
        }
    }

    /** The same limits with at most this many messages (a positive number). */
    WindowLimits atMost(int count) {
        return new WindowLimits(Math.min(messages, count), bytes, messageBytes);
    }
}

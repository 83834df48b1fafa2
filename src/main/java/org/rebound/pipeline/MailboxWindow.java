package org.rebound.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the messages of one POP3 session (camel-mail's batch) into a window, on the consumer's own thread. The
 * window is processed on that thread by the exchange of the session's last message, so that its commit happens
 * before camel-mail runs the post-process action and closes the session: an aggregator would complete on another
 * thread, after the session had ended.
 */
public final class MailboxWindow {

    private final List<ReturnedMessage> messages = new ArrayList<>();

    /** Adds a message; the first message of a session starts a new window. */
    public void add(ReturnedMessage message, int batchIndex) {
        if (batchIndex == 0) {
            messages.clear();
        }
        messages.add(message);
    }

    /** The window's messages, and an empty window for the next session. */
    public List<ReturnedMessage> drain() {
        List<ReturnedMessage> window = List.copyOf(messages);
        messages.clear();
        return window;
    }
}

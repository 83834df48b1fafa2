package org.rebound.mailbox;

import java.util.List;

import org.rebound.message.ReturnedMessage;

/**
 * Told of each window as soon as the mailbox reader has downloaded it, before the window is handed out, on the
 * thread that downloaded it, so that the work on a window can start while the window before it is recorded
 * (pipeline.UnderstandingAhead starts understanding it).
 */
@FunctionalInterface
public interface ReadAhead {

    void downloaded(List<ReturnedMessage> messages);
}

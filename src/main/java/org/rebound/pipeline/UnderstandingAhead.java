package org.rebound.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.MessageResult;

/**
 * Starts understanding each window as soon as the mailbox reader has downloaded it, on a pool of its own, while the
 * window before it is still being correlated and recorded; the route's understanding step then takes the result.
 * Without it, the parsing threads waited while the database recorded a window, and the database waited while they
 * parsed the next: the two now overlap.
 *
 * <p>A message whose understanding has not started yet is understood by the thread that asks for it, so a route
 * thread never waits on work that is only queued. Results no one asks for (the intake dropped the message as
 * handled before, or its window failed) are forgotten three windows later: the route takes one window at
 * a time, and the reader downloads at most one ahead.
 */
public final class UnderstandingAhead {

    private static final int WINDOWS_KEPT = 3;

    private final MessageUnderstanding understanding;
    private final Executor pool;
    private final Map<ReturnedMessage, FutureTask<MessageResult>> started = new IdentityHashMap<>();
    private final Deque<List<ReturnedMessage>> windows = new ArrayDeque<>();

    public UnderstandingAhead(MessageUnderstanding understanding, Executor pool) {
        this.understanding = understanding;
        this.pool = pool;
    }

    /** Called with each window the mailbox reader downloads, on the thread that downloaded it. */
    public void downloaded(List<ReturnedMessage> window) {
        for (ReturnedMessage message : window) {
            FutureTask<MessageResult> task = new FutureTask<>(() -> understanding.understand(message));
            synchronized (this) {
                started.put(message, task);
            }
            pool.execute(task);
        }
        synchronized (this) {
            windows.addLast(window);
            while (windows.size() > WINDOWS_KEPT) {
                windows.removeFirst().forEach(started::remove);
            }
        }
    }

    /** What the message turned out to be: the result of the work started at its download, or understood now. */
    public MessageResult understand(ReturnedMessage message) throws InterruptedException {
        FutureTask<MessageResult> task;
        synchronized (this) {
            task = started.remove(message);
        }
        if (task == null) {
            return understanding.understand(message);
        }
        // Runs it here if no pool thread has begun it yet; otherwise returns at once and waits for that thread.
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            // MessageUnderstanding turns every failure into an unreadable result; this would be a defect there.
            return MessageResult.unreadable(message, e.getCause());
        }
    }
}

package org.rebound.console;

/** One mailbox, over JMX (org.rebound:type=Mailbox,name=ACCOUNT): how far behind it is, and a pause. */
public interface MailboxControlMXBean {

    /** Messages the mailbox held when its current session opened, less those fetched since. */
    long getBacklog();

    /** When the mailbox was last polled (ISO-8601), empty before the first poll. */
    String getLastPoll();

    /** The last failure of a poll or a window, with its time; empty when none since start. */
    String getLastError();

    /** The route that reads it. */
    String getRouteId();

    /** True while paused: the route is suspended and the mailbox is not read. */
    boolean isPaused();

    /** Stops reading the mailbox (the window in hand finishes first); the other mailboxes go on. */
    void pause() throws Exception;

    /** Reads the mailbox again. */
    void resume() throws Exception;
}

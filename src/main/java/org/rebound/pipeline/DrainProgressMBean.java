package org.rebound.pipeline;

/** The drain's counters as JMX attributes (object name org.rebound:type=DrainProgress), for JConsole and VisualVM. */
public interface DrainProgressMBean {

    /** Messages fetched from the mailbox since Rebound started. */
    long getMessagesFetched();

    /** Fetched messages whose window has committed. */
    long getMessagesDone();

    /** Windows committed. */
    long getWindows();

    /** Bounce events stored (and put in the outbox). */
    long getEventsStored();

    /** Messages written to the dead-letter folder. */
    long getDeadLettered();

    /** Messages left in the mailbox on purpose (mail that is not a bounce, under the "keep" policy). */
    long getKept();

    /** Messages the mailbox held when the latest session opened. */
    long getMailboxSizeAtSessionStart();

    /** Messages still to fetch in this drain, as far as Rebound knows. */
    long getRemaining();

    /** Messages done per second since this drain began. */
    double getMessagesPerSecond();

    /** Estimated seconds until the mailbox is drained at the current rate; -1 when unknown. */
    long getEtaSeconds();
}

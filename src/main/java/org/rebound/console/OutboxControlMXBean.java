package org.rebound.console;

/** The outbox of events waiting for the topic, over JMX (org.rebound:type=Outbox). */
public interface OutboxControlMXBean {

    /** Events written and not yet published (every instance's: the outbox is shared). */
    int getUnsent() throws Exception;

    /** How long the oldest unsent event has waited, in seconds. */
    long getOldestAgeSeconds() throws Exception;

    /**
     * Publishes now, batch after batch, until a batch comes back short (rather than waiting for the next pass).
     *
     * @return the events still unsent afterwards
     */
    int relayNow() throws Exception;
}

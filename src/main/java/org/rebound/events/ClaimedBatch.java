package org.rebound.events;

import java.util.List;
import java.util.concurrent.Future;

/**
 * A batch of outbox events this instance has claimed, as it travels through the publishing route: the events, and
 * whether the batch was full (more may wait). While the batch is in hand its claim is renewed; {@link OutboxBatches}
 * stops that when the batch is marked sent or released.
 */
public final class ClaimedBatch {

    private final List<Outbox.Entry> events;
    private final boolean full;
    private final Future<?> renewal;

    ClaimedBatch(List<Outbox.Entry> events, boolean full, Future<?> renewal) {
        this.events = List.copyOf(events);
        this.full = full;
        this.renewal = renewal;
    }

    /** The events, oldest first. */
    public List<Outbox.Entry> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** The batch took as many events as it may: the outbox may hold more, to publish at once. */
    public boolean full() {
        return full;
    }

    void stopRenewing() {
        renewal.cancel(false);
    }

    @Override
    public String toString() {
        return "ClaimedBatch[" + events.size() + " events" + (full ? ", full" : "") + "]";
    }
}

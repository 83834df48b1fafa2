package org.rebound.console;

import org.apache.camel.ProducerTemplate;
import org.rebound.events.Outbox;

/** The outbox's MBean: its backlog from the database; relay-now runs the publishing route's pass. */
final class OutboxControl implements OutboxControlMXBean {

    /** The publishing route's pass (routes/publish-events.camel.yaml): true when its batch was full. */
    static final String PASS = "direct:publish-outbox-batch";
    /** Passes one relay-now runs at most, so that a broker that accepts slowly does not hold the JMX call. */
    private static final int MAX_PASSES = 100;

    private final Outbox outbox;
    private final ProducerTemplate producer;

    OutboxControl(Outbox outbox, ProducerTemplate producer) {
        this.outbox = outbox;
        this.producer = producer;
    }

    @Override
    public int getUnsent() throws Exception {
        return outbox.backlog().unsent();
    }

    @Override
    public long getOldestAgeSeconds() throws Exception {
        return outbox.backlog().oldestAge().toSeconds();
    }

    @Override
    public int relayNow() throws Exception {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (!Boolean.TRUE.equals(producer.requestBody(PASS, null, Boolean.class))) {
                break;
            }
        }
        return getUnsent();
    }
}

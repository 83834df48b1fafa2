package org.rebound.events;

import java.util.Objects;

/**
 * The broker addresses of the workers' queue (rebound.workers.queue) and of the queue its undeliverable messages go
 * to (rebound.workers.dead-letter-queue), which the embedded broker configures.
 */
public record WorkQueueAddresses(String queue, String deadLetterQueue) {

    public WorkQueueAddresses {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    }
}

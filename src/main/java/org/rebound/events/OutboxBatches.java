package org.rebound.events;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's side of the publishing route (routes/publish-events.camel.yaml): claims a batch of unsent events,
 * renews the claim while the route sends them, marks them sent once the endpoint has accepted every one, or gives
 * them back when it has not. The route decides where the events go; this class only keeps the outbox's promises:
 * stable event ids, at least once, marked sent only after the endpoint accepted.
 */
public final class OutboxBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxBatches.class);

    private final Outbox outbox;
    private final int batchSize;
    /**
     * Renews the claim on the batch in hand while it is published and marked, so that the lease can be short (a
     * dead instance's events wait only that long for another instance) however slow the endpoint is.
     */
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rebound-outbox-renewal");
        t.setDaemon(true);
        return t;
    });

    /** Failed passes in a row: an outage is told once when it begins and once when it ends. */
    private volatile int failedPasses;

    public OutboxBatches(Outbox outbox, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event: " + batchSize);
        }
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** Claims up to a batch of unsent events, oldest first, and renews the claim until the batch is done with. */
    public ClaimedBatch claim() throws SQLException {
        List<Outbox.Entry> claimed = outbox.claim(batchSize);
        if (claimed.isEmpty()) {
            return new ClaimedBatch(claimed, false, CompletableFuture.completedFuture(null));
        }
        long period = outbox.renewalPeriod().toMillis();
        return new ClaimedBatch(claimed, claimed.size() == batchSize,
                renewals.scheduleAtFixedRate(() -> renew(claimed), period, period, TimeUnit.MILLISECONDS));
    }

    /**
     * Marks the batch sent: the route calls this only after the endpoint accepted every event of it (for JMS, after
     * the broker committed the batch's transaction). A crash before this publishes the batch again, with the same
     * event ids.
     *
     * @return whether the batch was full, so that the next pass should follow at once
     */
    public boolean sent(ClaimedBatch batch) throws SQLException {
        try {
            outbox.markSent(batch.events());
        } finally {
            batch.stopRenewing();
        }
        if (failedPasses > 0) {
            LOG.info("events are relayed again, after {} failed passes", failedPasses);
            failedPasses = 0;
        }
        return batch.full();
    }

    /**
     * Gives the batch back unsent (the endpoint refused it or could not be reached), so that the next pass retries
     * it at once rather than after the claim's lease, which is there for an instance that died holding a claim.
     * Never fails: the route calls it while handling a failure, and if the database cannot take the release (it is
     * down too), the claim simply lapses when its lease runs out, no longer renewed.
     */
    public void release(ClaimedBatch batch) {
        batch.stopRenewing();
        try {
            outbox.release(batch.events());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not release {}; its claim lapses after the lease: {}", batch, CauseChain.of(e));
        }
    }

    /**
     * A pass failed: its events wait in the outbox. Logged with the cause chain when a streak of failures begins,
     * not at every pass (several a second).
     */
    public void passFailed(Throwable cause) {
        if (failedPasses++ == 0) {
            LOG.warn("events wait in the outbox, not relayed, until the endpoint takes them: {}", CauseChain.of(cause));
        } else {
            LOG.debug("relay pass failed again ({} in a row): {}", failedPasses, CauseChain.of(cause));
        }
    }

    /** Renewal that fails (the database down) is tried again next period; see {@link Outbox#renew}. */
    private void renew(List<Outbox.Entry> claimed) {
        try {
            outbox.renew(claimed);
        } catch (SQLException | RuntimeException e) {
            // tried again next period; if the lease runs out meanwhile, another instance may publish the batch
            // too, with the same event ids, which the broker and consumers drop
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }
}

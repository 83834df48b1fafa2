package org.rebound.metrics;

import java.sql.SQLException;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.rebound.events.Outbox;

/**
 * The outbox's backlog as gauges, read from the database at each scrape: every instance sees the same shared
 * outbox, so these are the relay's lag, not one process's. A scrape while the database is down reads NaN.
 */
public final class OutboxGauges {

    private OutboxGauges() {
    }

    public static void register(MeterRegistry registry, Outbox outbox) {
        Gauge.builder("rebound.outbox.unsent", outbox, read(o -> o.backlog().unsent()))
                .description("Events written to the outbox and not yet published").register(registry);
        Gauge.builder("rebound.outbox.lag", outbox, read(o -> o.backlog().oldestAge().toMillis() / 1000.0))
                .description("How long the oldest unpublished event has waited").baseUnit("seconds")
                .register(registry);
    }

    private interface Reading {
        double of(Outbox outbox) throws SQLException;
    }

    private static ToDoubleFunction<Outbox> read(Reading reading) {
        return outbox -> {
            try {
                return reading.of(outbox);
            } catch (SQLException e) {
                return Double.NaN;
            }
        };
    }
}

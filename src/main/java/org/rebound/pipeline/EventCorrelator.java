package org.rebound.pipeline;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.rebound.correlate.Correlation;
import org.rebound.correlate.Correlator;
import org.rebound.correlate.PendingEvent;

/** The route's correlate step: ties a list of bounce events to their sent messages in one batch of lookups. */
public final class EventCorrelator {

    private final Correlator correlator;

    public EventCorrelator(Correlator correlator) {
        this.correlator = correlator;
    }

    public List<BounceEvent> correlate(List<BounceEvent> events) throws SQLException {
        List<PendingEvent> pending = events.stream()
                .map(e -> new PendingEvent(e.report(), e.recipient(), e.receivedAt()))
                .toList();
        List<Correlation> found = correlator.correlate(pending);
        List<BounceEvent> correlated = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            correlated.add(events.get(i).correlatedWith(found.get(i)));
        }
        return correlated;
    }
}

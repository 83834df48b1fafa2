package org.rebound.pipeline;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.rebound.correlate.Correlation;
import org.rebound.correlate.Correlator;
import org.rebound.correlate.PendingEvent;
import org.rebound.message.BounceEvent;
import org.rebound.message.MessageResult;
import org.rebound.message.Window;

/**
 * The route's correlate step: ties every bounce event of a window to its sent message in one batch of lookups
 * (one query per key type per 500 keys), never one query per recipient.
 */
public final class EventCorrelator {

    private final Correlator correlator;

    public EventCorrelator(Correlator correlator) {
        this.correlator = correlator;
    }

    public Window correlate(Window window) throws SQLException {
        List<BounceEvent> events = window.results().stream().flatMap(r -> r.events().stream()).toList();
        List<PendingEvent> pending = events.stream()
                .map(e -> new PendingEvent(e.report(), e.recipient(), e.receivedAt()))
                .toList();
        List<Correlation> found = correlator.correlate(pending);
        List<MessageResult> correlated = new ArrayList<>(window.results().size());
        int next = 0;
        for (MessageResult result : window.results()) {
            List<BounceEvent> mine = new ArrayList<>(result.events().size());
            for (BounceEvent event : result.events()) {
                mine.add(event.correlatedWith(found.get(next++)));
            }
            correlated.add(result.withEvents(mine));
        }
        return window.understood(correlated);
    }
}

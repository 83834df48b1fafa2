package org.rebound.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rebound.classify.Classifier;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.BounceEvent;

/** The route's classify step: turns each recipient of a report into a classified {@link BounceEvent}. */
public final class RecipientClassifier {

    private final Classifier classifier;
    private final Clock clock;

    public RecipientClassifier(Classifier classifier, Clock clock) {
        this.classifier = classifier;
        this.clock = clock;
    }

    public List<BounceEvent> classifyEach(ReturnedMessage message, BounceReport report) {
        Instant now = clock.instant();
        List<RecipientStatus> recipients = report.recipients();
        List<BounceEvent> events = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            RecipientStatus r = recipients.get(i);
            events.add(BounceEvent.of(message, report, i, r, classifier.explain(report, r), now));
        }
        return events;
    }
}

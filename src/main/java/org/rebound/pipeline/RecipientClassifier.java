package org.rebound.pipeline;

import java.time.Clock;

import org.rebound.classify.Classifier;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/** The route's classify step: turns one recipient of a report into a classified {@link BounceEvent}. */
public final class RecipientClassifier {

    private final Classifier classifier;
    private final Clock clock;

    public RecipientClassifier(Classifier classifier, Clock clock) {
        this.classifier = classifier;
        this.clock = clock;
    }

    public BounceEvent classify(ReturnedMessage message, BounceReport report, int position, RecipientStatus recipient) {
        return BounceEvent.of(message, report, position, recipient, classifier.classify(report, recipient),
                clock.instant());
    }
}

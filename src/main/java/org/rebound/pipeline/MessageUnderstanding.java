package org.rebound.pipeline;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.MessageResult;

/**
 * Understands one returned message: parses it, then classifies each recipient of a bounce. Any failure, expected
 * (malformed MIME) or not (a defect, or a stack overflow on a pathological message), makes the message
 * "unreadable": it goes to the dead-letter folder with the reason and the stack trace, and the rest of its window
 * goes on, so one bad message never blocks a mailbox.
 *
 * <p>The failure is caught here rather than by an onException in the route: inside a parallel split, an exception
 * handled by the error handler marks the split's aggregated exchange as handled when that message happens to finish
 * first, and Camel then ends the window's route right after the split, silently (the drain stall MutatedMailIT
 * reproduced).
 */
public final class MessageUnderstanding {

    private final ReportParser parser;
    private final RecipientClassifier classifier;

    public MessageUnderstanding(ReportParser parser, RecipientClassifier classifier) {
        this.parser = parser;
        this.classifier = classifier;
    }

    public MessageResult understand(ReturnedMessage message) {
        if (message.tooLarge().isPresent()) {
            return MessageResult.unreadable(message, new MessageTooLargeException(message.tooLarge().getAsLong()));
        }
        try {
            BounceReport report = parser.parse(message.raw());
            if (!report.isBounce()) {
                return MessageResult.notABounce(message, report);
            }
            return MessageResult.bounce(message, report, classifier.classifyEach(message, report));
        } catch (Exception | StackOverflowError e) {
            return MessageResult.unreadable(message, e);
        }
    }
}

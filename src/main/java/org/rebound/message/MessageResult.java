package org.rebound.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.rebound.dsn.BounceReport;

/**
 * What Rebound understood of one returned message: a bounce with its classified recipient results, mail that is
 * not a bounce, or a message it could not read (with the reason).
 *
 * @param message the message as fetched
 * @param kind    which of the three it is
 * @param report  the report, unless the message was unreadable
 * @param events  one per recipient result of a bounce; empty otherwise
 * @param failure why the message could not be read, when it could not
 */
public record MessageResult(ReturnedMessage message, Kind kind, Optional<BounceReport> report,
                            List<BounceEvent> events, Optional<Throwable> failure) {

    /** The three things a returned message can turn out to be. */
    public enum Kind { BOUNCE, NOT_A_BOUNCE, UNREADABLE }

    public MessageResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(failure, "failure");
        events = List.copyOf(events);
    }

    public static MessageResult bounce(ReturnedMessage message, BounceReport report, List<BounceEvent> events) {
        return new MessageResult(message, Kind.BOUNCE, Optional.of(report), events, Optional.empty());
    }

    public static MessageResult notABounce(ReturnedMessage message, BounceReport report) {
        return new MessageResult(message, Kind.NOT_A_BOUNCE, Optional.of(report), List.of(), Optional.empty());
    }

    public static MessageResult unreadable(ReturnedMessage message, Throwable failure) {
        return new MessageResult(message, Kind.UNREADABLE, Optional.empty(), List.of(), Optional.of(failure));
    }

    public MessageResult withEvents(List<BounceEvent> correlated) {
        return new MessageResult(message, kind, report, correlated, failure);
    }
}

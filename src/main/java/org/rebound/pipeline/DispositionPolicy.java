package org.rebound.pipeline;

import java.util.List;
import java.util.Optional;

import org.rebound.dsn.Kind;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.BounceEvent;
import org.rebound.message.MessageResult;
import org.rebound.message.Disposition;
import org.rebound.message.Window;

/**
 * Decides what becomes of each returned message, from the policies an operator sets: what to do with mail that is
 * not a bounce, with a bounce no key correlates, and with one that correlates but is not proven to belong to a
 * message sent to its recipient (correlate.Verification). Nothing is ever dropped silently: a message is
 * recorded, dead-lettered, or kept in the mailbox.
 */
public final class DispositionPolicy {

    private final NonBouncePolicy nonBounce;
    private final UnmatchedPolicy unmatched;
    private final UnmatchedPolicy unproven;

    /**
     * @param unproven what becomes of a correlated bounce that is not proven: stored (it then changes no state) or
     *                 dead-lettered as "unproven"
     */
    public DispositionPolicy(NonBouncePolicy nonBounce, UnmatchedPolicy unmatched, UnmatchedPolicy unproven) {
        this.nonBounce = nonBounce;
        this.unmatched = unmatched;
        this.unproven = unproven;
    }

    public Window decide(Window window) {
        return window.decided(window.results().stream().map(this::decide).toList());
    }

    Disposition decide(MessageResult result) {
        return switch (result.kind()) {
            case UNREADABLE -> new Disposition(result, List.of(), Optional.of(
                    result.failure().filter(MessageTooLargeException.class::isInstance).isPresent() ? "too-large"
                            : "unreadable"), Outcome.DEAD_LETTERED);
            case NOT_A_BOUNCE -> notABounce(result);
            case BOUNCE -> isUncorrelatedAutoReply(result) ? notABounce(result) : bounce(result);
        };
    }

    private Disposition notABounce(MessageResult result) {
        return switch (nonBounce) {
            case KEEP -> new Disposition(result, List.of(), Optional.empty(), Outcome.KEPT);
            case FORWARD -> new Disposition(result, List.of(), Optional.empty(), Outcome.FORWARDED);
            case DEAD_LETTER -> new Disposition(result, List.of(), Optional.of("not-a-bounce"), Outcome.DEAD_LETTERED);
        };
    }

    /**
     * An automatic reply (RFC 3834) that no key ties to a sent message is mail for a person, as a human reply is:
     * it follows the non-bounce policy, not the unmatched-bounce one. One that correlates is recorded (vacation).
     */
    private static boolean isUncorrelatedAutoReply(MessageResult result) {
        return result.report().map(r -> r.kind() == Kind.AUTO_REPLY).orElse(false)
                && result.events().stream().noneMatch(BounceEvent::correlated);
    }

    private Disposition bounce(MessageResult result) {
        List<BounceEvent> recorded = result.events().stream().filter(this::recordable).toList();
        if (recorded.size() == result.events().size()) {
            return new Disposition(result, recorded, Optional.empty(), Outcome.RECORDED);
        }
        boolean someUncorrelated = result.events().stream().anyMatch(e -> !e.correlated() && !recorded.contains(e));
        return new Disposition(result, recorded, Optional.of(someUncorrelated ? "uncorrelated" : "unproven"),
                recorded.isEmpty() ? Outcome.DEAD_LETTERED : Outcome.RECORDED);
    }

    private boolean recordable(BounceEvent event) {
        if (!event.correlated()) {
            return unmatched == UnmatchedPolicy.STORE;
        }
        return event.correlation().verification().proven() || unproven == UnmatchedPolicy.STORE;
    }
}

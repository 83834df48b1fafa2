package org.rebound.quarantine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.rebound.classify.BounceType;
import org.rebound.classify.Classification;
import org.rebound.classify.Reason;

/**
 * The quarantine policy of DESIGN.md (Adobe Campaign's rules, thresholds from {@link QuarantineSettings}): a hard
 * bounce quarantines at once; soft errors count only when at least a day apart, and the sixth quarantines; a
 * counter whose last significant error is over ten days old restarts; a mailbox-full quarantine lifts after thirty
 * days; a successful delivery clears "with errors"; a complaint denylists. Only failures that are the
 * recipient's fault ({@link Classification#countsTowardQuarantine()}) count.
 *
 * <p>A pure function of the address's state, the event and the settings: the caller stores the result and its
 * history in the same transaction as the event. Each decision names its {@link PolicyRule}.
 */
public final class QuarantinePolicy {

    private final QuarantineSettings settings;

    public QuarantinePolicy(QuarantineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The address after one event. The time rules due at the event's time apply first, so an address that should
     * have recovered, or whose counter should have restarted, meets the event in that state even when no
     * {@link #recover} ran in between.
     */
    public Transition apply(AddressState current, Outcome outcome) {
        Transition due = recover(current, outcome.at());
        Decision decision = decide(due.after(), outcome);
        List<HistoryEntry> history = new ArrayList<>(due.history());
        entry(due.after(), decision, outcome.eventId(), outcome.at()).ifPresent(history::add);
        return new Transition(current, decision.after(), decision.rule(), history);
    }

    /**
     * The address after the time rules due at {@code now}: a mailbox-full quarantine lifts once its period has
     * passed; a WITH_ERRORS counter whose last significant error is more than the reset period old restarts.
     * Run it periodically over QUARANTINED and WITH_ERRORS addresses.
     */
    public Transition recover(AddressState current, Instant now) {
        Decision decision = due(current, now);
        return new Transition(current, decision.after(), decision.rule(),
                entry(current, decision, "", now).stream().toList());
    }

    private Decision due(AddressState s, Instant now) {
        if (s.state() == State.QUARANTINED && liftsWithTime(s)
                && !now.isBefore(s.quarantinedAt().orElseThrow().plus(settings.mailboxFullRecoversAfter()))) {
            return new Decision(s.cleared(), PolicyRule.MAILBOX_FULL_RECOVERS, Optional.empty());
        }
        if (s.state() == State.WITH_ERRORS && s.lastSignificantError()
                .filter(last -> now.isAfter(last.plus(settings.counterResetAfter()))).isPresent()) {
            return new Decision(s.cleared(), PolicyRule.STALE_ERRORS_EXPIRE, Optional.empty());
        }
        return unchanged(s, PolicyRule.NOTHING_DUE, Optional.empty());
    }

    private Decision decide(AddressState s, Outcome outcome) {
        if (s.state() == State.DENYLISTED) {
            return unchanged(s, PolicyRule.DENYLIST_IS_FINAL, Optional.empty());
        }
        if (outcome instanceof Outcome.Bounce bounce) {
            return bounced(s, bounce);
        }
        if (outcome instanceof Outcome.Delivered) {
            return delivered(s);
        }
        return unchanged(s, PolicyRule.DELAY_IGNORED, Optional.empty());
    }

    private Decision delivered(AddressState s) {
        Optional<Reason> reason = Optional.of(Reason.DELIVERED);
        return switch (s.state()) {
            case WITH_ERRORS -> new Decision(s.cleared(), PolicyRule.DELIVERY_CLEARS_ERRORS, reason);
            case VALID -> unchanged(s, PolicyRule.DELIVERY_TO_VALID_ADDRESS, reason);
            case QUARANTINED, DENYLISTED -> unchanged(s, PolicyRule.DELIVERY_KEEPS_QUARANTINE, reason);
        };
    }

    private Decision bounced(AddressState s, Outcome.Bounce bounce) {
        Classification classification = bounce.classification();
        Reason reason = bounce.reason();
        Optional<Reason> because = Optional.of(reason);
        if (reason == Reason.FEEDBACK) {
            return new Decision(s.denylisted(reason), PolicyRule.COMPLAINT_DENYLISTS, because);
        }
        if (classification.type() == BounceType.NONE) {
            return unchanged(s, PolicyRule.NO_FAILURE_IGNORED, because);
        }
        if (!classification.countsTowardQuarantine()) {
            return unchanged(s, PolicyRule.NOT_RECIPIENT_FAULT_IGNORED, because);
        }
        if (classification.type() == BounceType.HARD) {
            if (s.state() != State.QUARANTINED) {
                return new Decision(s.quarantined(reason, bounce.at()), PolicyRule.HARD_BOUNCE_QUARANTINES, because);
            }
            if (liftsWithTime(s)) {
                return new Decision(s.quarantined(reason, bounce.at()),
                        PolicyRule.HARD_BOUNCE_MAKES_QUARANTINE_PERMANENT, because);
            }
        }
        if (s.state() == State.QUARANTINED) {
            return unchanged(s, PolicyRule.QUARANTINED_IGNORES_FAILURES, because);
        }
        // Events may arrive out of order: one earlier than the last counted error is also "too soon".
        if (s.lastSignificantError()
                .filter(last -> bounce.at().isBefore(last.plus(settings.minSoftErrorSpacing()))).isPresent()) {
            return unchanged(s, PolicyRule.SOFT_ERROR_TOO_SOON, because);
        }
        AddressState counted = s.withSoftError(reason, bounce.at());
        if (counted.softErrorCount() >= settings.softErrorsToQuarantine()) {
            return new Decision(counted.quarantined(reason, bounce.at()), PolicyRule.SOFT_ERROR_LIMIT_QUARANTINES,
                    because);
        }
        return new Decision(counted, PolicyRule.SOFT_ERROR_COUNTS, because);
    }

    /** Only a full mailbox empties with time; every other quarantine waits for an operator. */
    private static boolean liftsWithTime(AddressState s) {
        return s.lastReason().filter(r -> r == Reason.MAILBOXFULL).isPresent();
    }

    /** A history entry when the state changed, or a quarantine's reason did (which changes when it lifts). */
    private static Optional<HistoryEntry> entry(AddressState before, Decision decision, String eventId, Instant at) {
        AddressState after = decision.after();
        boolean stateChanged = before.state() != after.state();
        boolean quarantineReasonChanged = after.state() == State.QUARANTINED
                && !before.lastReason().equals(after.lastReason());
        if (!stateChanged && !quarantineReasonChanged) {
            return Optional.empty();
        }
        return Optional.of(new HistoryEntry(after.address(), before.state(), after.state(), decision.reason(),
                eventId, at, decision.rule()));
    }

    private static Decision unchanged(AddressState s, PolicyRule rule, Optional<Reason> reason) {
        return new Decision(s, rule, reason);
    }

    private record Decision(AddressState after, PolicyRule rule, Optional<Reason> reason) {
    }

    /**
     * An operator releases the address: VALID, nothing counted, whatever its state (a denylisted one too: only an
     * operator lifts a denylisting). An address already VALID with nothing counted does not change.
     */
    public Transition release(AddressState s, Instant at) {
        AddressState after = s.cleared();
        List<HistoryEntry> history = s.state() == State.VALID ? List.of()
                : List.of(new HistoryEntry(s.address(), s.state(), State.VALID, Optional.empty(), "", at,
                        PolicyRule.RELEASED_BY_OPERATOR));
        return new Transition(s, after, PolicyRule.RELEASED_BY_OPERATOR, history);
    }
}

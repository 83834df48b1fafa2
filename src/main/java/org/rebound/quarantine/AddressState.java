package org.rebound.quarantine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.rebound.classify.Reason;

/**
 * What the policy knows about one address: its state and the counters the policy's rules read.
 *
 * @param address              the recipient address, as the store keys it
 * @param state                the address's standing
 * @param softErrorCount       soft errors counted since the counter last restarted; zero unless WITH_ERRORS or
 *                             QUARANTINED by soft errors
 * @param lastSignificantError when the last counted failure happened (Adobe Campaign's "last significant error"),
 *                             empty while nothing is being counted
 * @param lastReason           the reason of the last failure or complaint that changed the address; while
 *                             QUARANTINED, the reason of the quarantine (which decides whether it lifts with time)
 * @param quarantinedAt        when the current quarantine began: present exactly while QUARANTINED
 */
public record AddressState(String address, State state, int softErrorCount, Optional<Instant> lastSignificantError,
                           Optional<Reason> lastReason, Optional<Instant> quarantinedAt) {

    public AddressState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSignificantError, "lastSignificantError");
        Objects.requireNonNull(lastReason, "lastReason");
        Objects.requireNonNull(quarantinedAt, "quarantinedAt");
        if (softErrorCount < 0) {
            throw new IllegalArgumentException("softErrorCount must not be negative: " + softErrorCount);
        }
        if (quarantinedAt.isPresent() != (state == State.QUARANTINED)) {
            throw new IllegalArgumentException("quarantinedAt must be present exactly while QUARANTINED, state is "
                    + state + " for " + address);
        }
    }

    /** An address the policy has never heard of. */
    public static AddressState valid(String address) {
        return new AddressState(address, State.VALID, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This address back to VALID with nothing counted; the last reason stays as a record of what happened. */
    AddressState cleared() {
        return new AddressState(address, State.VALID, 0, Optional.empty(), lastReason, Optional.empty());
    }

    /** This address with one more soft error counted at the given time. */
    AddressState withSoftError(Reason reason, Instant at) {
        return new AddressState(address, State.WITH_ERRORS, softErrorCount + 1, Optional.of(at),
                Optional.of(reason), Optional.empty());
    }

    /** This address quarantined for the given reason from the given time, its counters kept. */
    AddressState quarantined(Reason reason, Instant at) {
        return new AddressState(address, State.QUARANTINED, softErrorCount, Optional.of(at), Optional.of(reason),
                Optional.of(at));
    }

    /** This address denylisted for the given reason. */
    AddressState denylisted(Reason reason) {
        return new AddressState(address, State.DENYLISTED, softErrorCount, lastSignificantError, Optional.of(reason),
                Optional.empty());
    }
}

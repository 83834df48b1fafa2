package org.rebound.quarantine;

import java.util.List;
import java.util.Objects;

/**
 * What the policy decided for one address.
 *
 * @param before  the address as it was
 * @param after   the address as it is now; store it when {@link #updated()}
 * @param rule    the rule that decided about the event (or, for {@code recover}, the time rule)
 * @param history the state changes to record, oldest first: empty when the state did not change, two entries
 *                when a time rule fell due before the event and the event changed the state again
 */
public record Transition(AddressState before, AddressState after, PolicyRule rule, List<HistoryEntry> history) {

    public Transition {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(rule, "rule");
        history = List.copyOf(history);
    }

    /** True when the address's state changed, so there is history to record. */
    public boolean changed() {
        return !history.isEmpty();
    }

    /** True when anything about the address changed (a counter, a time), so its row must be written. */
    public boolean updated() {
        return !before.equals(after);
    }
}

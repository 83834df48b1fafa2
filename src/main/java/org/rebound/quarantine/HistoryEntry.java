package org.rebound.quarantine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.rebound.classify.Reason;

/**
 * One change of an address's state, as the address_history table keeps it.
 *
 * @param address the address that changed
 * @param from    its state before
 * @param to      its state after (equal to {@code from} only when a quarantine's reason changed)
 * @param reason  the reason of the event that caused it; empty for a time rule
 * @param eventId the id of the bounce event that caused it; empty for a time rule, which no event causes
 * @param at      when it happened: the event's time, or the time at which a time rule was applied
 * @param rule    the policy rule that fired
 */
public record HistoryEntry(String address, State from, State to, Optional<Reason> reason, String eventId, Instant at,
                           PolicyRule rule) {

    public HistoryEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
    }
}

package org.rebound.election;

/**
 * Whether this instance is, right now, the one that polls a mailbox. The mailbox consumer asks before every window:
 * an instance that has lost the election (a paused leader that wakes up after another took over) stops at the next
 * window instead of reading on beside the new poller.
 */
@FunctionalInterface
public interface Leadership {

    /** One instance, no election: it always polls. */
    Leadership ALONE = () -> true;

    boolean held();

    /** Whether there is an election at all: with none, nothing changes hands and nothing is worth logging. */
    default boolean elected() {
        return this != ALONE;
    }
}

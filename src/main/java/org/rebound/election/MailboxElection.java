package org.rebound.election;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;

/**
 * Decides which of several Rebound instances polls each mailbox, by a mechanism chosen in configuration
 * ({@link ElectionMechanism}). One election per mailbox account: different mailboxes may be polled by different
 * instances. The election only keeps two instances from reading a mailbox at once in the ordinary case; that
 * nothing is lost or recorded twice when it fails to (every lease has a window in which a paused leader wakes up
 * beside its successor) comes from recording by content hash and deleting only after the commit.
 */
public interface MailboxElection {

    /** The scheduler of the mailbox's poll consumer, when the election is the one that fires the polls (Quartz). */
    Optional<ScheduledPollConsumerScheduler> scheduler(String account);

    /** Whether this instance polls the mailbox now; asked before every window. */
    Leadership leadership(String account);

    /** Starts taking part, once the Camel context is there; before the mailbox routes start. */
    void start(CamelContext camel) throws Exception;

    /** Stops taking part: another instance may take the mailboxes over. */
    void stop() throws Exception;

    /** How the election is described in the log and the health details. */
    String describe();

    /** A single instance: every mailbox is polled here, on the consumer's own scheduler. */
    static MailboxElection none() {
        return new MailboxElection() {
            @Override
            public Optional<ScheduledPollConsumerScheduler> scheduler(String account) {
                return Optional.empty();
            }

            @Override
            public Leadership leadership(String account) {
                return Leadership.ALONE;
            }

            @Override
            public void start(CamelContext camel) {
            }

            @Override
            public void stop() {
            }

            @Override
            public String describe() {
                return "none (a single instance)";
            }
        };
    }
}

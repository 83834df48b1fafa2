package org.rebound.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * A Rebound process as the outbox's claims name it: its host and process id ({@code host:pid}). A process can tell
 * whether a claimant of its own host is still alive; one of another host it cannot, and the claim's lease decides.
 *
 * @param host the host name, as {@link InetAddress#getHostName()} gives it
 * @param pid  the process id on that host
 */
public record OutboxClaimant(String host, long pid) {

    /** outbox_event.claimed_by holds 64 characters: a colon and a pid of up to 19 digits leave 44 for the host. */
    private static final int HOST_LENGTH = 44;

    public OutboxClaimant {
        if (host.isBlank() || host.length() > HOST_LENGTH) {
            throw new IllegalArgumentException("a host name of 1 to " + HOST_LENGTH + " characters is needed: '"
                    + host + "'");
        }
    }

    /**
     * This process. A longer host name is cut: every process of the host cuts it alike, which is all the name is
     * for (an IPv6 literal, which some hosts give as their name, has colons, which {@link #parse} allows).
     */
    public static OutboxClaimant thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return new OutboxClaimant(host.length() > HOST_LENGTH ? host.substring(0, HOST_LENGTH) : host,
                ProcessHandle.current().pid());
    }

    /** The claimant a claim names; empty for a name written otherwise (by an older Rebound, or by hand). */
    public static Optional<OutboxClaimant> parse(String name) {
        int colon = name.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OutboxClaimant(name.substring(0, colon), Long.parseLong(name.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The name written in outbox_event.claimed_by. */
    public String name() {
        return host + ":" + pid;
    }

    /**
     * When a claim this claimant made at {@code claimedAt} is known to be abandoned, the moment from which that is
     * sure: now, when no process of that pid lives; the start of the process that has the pid now, when it started
     * after the claim (the pid was reused, by a restarted container's process 1 for one). Empty when the claimant
     * may still be at work: it lives, it is on another host, or its start time is unknown.
     *
     * @param on the process that asks, whose host is the only one whose processes it can see
     */
    Optional<Instant> abandonedSince(Instant claimedAt, OutboxClaimant on, Instant now) {
        if (!host.equals(on.host)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of(now);
        }
        return process.get().info().startInstant().filter(claimedAt::isBefore);
    }
}

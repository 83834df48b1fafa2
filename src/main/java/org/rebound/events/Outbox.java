package org.rebound.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.dsn.FieldLimits;
import org.rebound.message.BounceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox between the database and the events topic. Events are added in the bounce's own
 * transaction; the relay route claims a batch, publishes it and marks it sent. A broker outage only lets the
 * outbox grow; a crash between publishing and marking sends an event again, with the same eventId, which consumers
 * deduplicate on.
 *
 * <p>A claim names its process ({@link OutboxClaimant}) and holds for a lease, which the relay renews while it
 * publishes. A process that dies holding a claim leaves it to the lease, unless a process of its host starts and
 * sees that it is gone ({@link #releaseAbandonedClaims()}), which a restart does at once.
 */
public final class Outbox {

    /** One event waiting to be published. */
    public record Entry(long id, String eventId, String payload) implements PayloadAsMessage.Publishable {

        @Override
        public String stableId() {
            return eventId;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final OutboxClaimant claimant;
    private final String instance;
    private final Duration lease;

    /**
     * @param claimant this Rebound process, recorded with its claims
     * @param lease    how long a claim holds, unless renewed, before another instance may take the batch over
     */
    public Outbox(DataSource dataSource, Clock clock, OutboxClaimant claimant, Duration lease) {
        if (lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("the claim lease must be positive: " + lease);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.claimant = claimant;
        this.instance = claimant.name();
        this.lease = lease;
    }

    /** How often a claim in use is renewed: three times a lease, so one late renewal does not lose it. */
    public Duration renewalPeriod() {
        return lease.dividedBy(3);
    }

    /** Adds the events within the caller's transaction. */
    public static void add(Connection c, List<BounceEvent> events, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_event (event_id, payload, created_at) VALUES (?, ?, ?)")) {
            for (BounceEvent e : events) {
                s.setString(1, e.eventId());
                String payload = json(BounceEventMessage.of(e));
                if (payload.length() > FieldLimits.EVENT_PAYLOAD) {
                    // Cannot happen while every field is bounded where parsed; if it does, say so plainly.
                    throw new IllegalStateException("event " + e.eventId() + " is " + payload.length()
                            + " characters of JSON, over the outbox column's " + FieldLimits.EVENT_PAYLOAD);
                }
                s.setString(2, payload);
                s.setObject(3, at.atOffset(ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Claims up to {@code limit} unsent events, oldest first, that no other instance holds; rows another
     * transaction has locked are skipped (FOR UPDATE SKIP LOCKED, in both H2 and PostgreSQL).
     */
    public List<Entry> claim(int limit) throws SQLException {
        Instant now = clock.instant();
        List<Entry> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT id, event_id, payload FROM outbox_event "
                    + "WHERE sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id "
                    + "FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                s.setObject(1, now.minus(lease).atOffset(ZoneOffset.UTC));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
            if (!claimed.isEmpty()) {
                update(c, "UPDATE outbox_event SET claimed_at = ?, claimed_by = ? WHERE id = ?", claimed, now, true);
            }
            c.commit();
        }
        return claimed;
    }

    /** Marks the events published; the broker has them. */
    public void markSent(List<Entry> sent) throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            update(c, "UPDATE outbox_event SET sent_at = ? WHERE id = ?", sent, clock.instant(), false);
        }
    }

    /**
     * Extends this instance's claim on events it is still publishing (a slow broker), so that no other instance
     * takes them over while it works; events already sent or claimed by another are left alone.
     */
    public void renew(List<Entry> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            update(c, "UPDATE outbox_event SET claimed_at = ? WHERE claimed_by = ? AND id = ? AND sent_at IS NULL",
                    claimed, clock.instant(), true);
        }
    }

    /**
     * Gives back the claims of processes of this host that died holding them (kill -9, a crash, a power cut), so
     * that their events are relayed now rather than when the lease runs out. Only claims made before their
     * process is known to be gone are released: a live claimant keeps its claims, and so does one whose pid now
     * belongs to a process started after the claim, for its claims made since. Claimants of other hosts are left
     * to the lease. Cheap enough for a start: one scan of the unsent events.
     *
     * @return how many events were released
     */
    public int releaseAbandonedClaims() throws SQLException {
        Instant now = clock.instant();
        Map<String, Instant> earliestClaims = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT claimed_by, MIN(claimed_at) FROM outbox_event "
                    + "WHERE sent_at IS NULL AND claimed_by IS NOT NULL GROUP BY claimed_by");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    earliestClaims.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
            int released = 0;
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_event SET claimed_by = NULL, "
                    + "claimed_at = NULL WHERE sent_at IS NULL AND claimed_by = ? AND claimed_at < ?")) {
                for (Map.Entry<String, Instant> claim : earliestClaims.entrySet()) {
                    Optional<Instant> abandoned = OutboxClaimant.parse(claim.getKey())
                            .flatMap(owner -> owner.abandonedSince(claim.getValue(), claimant, now));
                    if (abandoned.isPresent()) {
                        s.setString(1, claim.getKey());
                        s.setObject(2, abandoned.get().atOffset(ZoneOffset.UTC));
                        int n = s.executeUpdate();
                        LOG.info("outbox: released {} events claimed by {}, which is gone, to relay them now", n,
                                claim.getKey());
                        released += n;
                    }
                }
            }
            return released;
        }
    }

    /**
     * Gives back events this instance could not publish (the broker unreachable), so that the next pass retries
     * them at once instead of after the claim's lease, which is there for an instance that died holding a claim.
     */
    public void release(List<Entry> unpublished) throws SQLException {
        if (unpublished.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE outbox_event SET claimed_by = NULL, claimed_at = NULL "
                     + "WHERE sent_at IS NULL AND claimed_by = ? AND id = ?")) {
            for (Entry e : unpublished) {
                s.setString(1, instance);
                s.setLong(2, e.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** What waits in the outbox: how many events, and how long the oldest has waited (zero when none). */
    public record Backlog(int unsent, Duration oldestAge) {
    }

    /** The events waiting to be published and the age of the oldest: the relay's lag. */
    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*), MIN(created_at) FROM outbox_event WHERE sent_at IS NULL");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            OffsetDateTime oldest = rows.getObject(2, OffsetDateTime.class);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
            // Another instance's clock may run a little ahead of this one's.
            return new Backlog(rows.getInt(1), age.isNegative() ? Duration.ZERO : age);
        }
    }

    /** How many events wait to be published. */
    public int pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * One statement per event, sent as one batch: an update by primary key always takes the index, where an IN list
     * may be planned as a scan of the whole outbox, sent rows included (see store.KeyProbe). The statement's
     * parameters are the time, this instance's name when {@code naming}, and the event's id, in that order.
     */
    private void update(Connection c, String sql, List<Entry> entries, Instant at, boolean naming)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Entry e : entries) {
                int i = 0;
                s.setObject(++i, at.atOffset(ZoneOffset.UTC));
                if (naming) {
                    s.setString(++i, instance);
                }
                s.setLong(++i, e.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String json(BounceEventMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises: " + e, e);
        }
    }
}

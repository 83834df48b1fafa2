package org.rebound.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.dsn.FieldLimits;
import org.rebound.pipeline.BounceEvent;

/**
 * The transactional outbox between the database and the events topic. Events are added in the bounce's own
 * transaction; the relay route claims a batch, publishes it and marks it sent. A broker outage only lets the
 * outbox grow; a crash between publishing and marking sends an event again, with the same eventId, which consumers
 * deduplicate on.
 */
public final class Outbox {

    /** One event waiting to be published. */
    public record Entry(long id, String eventId, String payload) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;
    private final String instance;
    private final Duration lease;

    /**
     * @param instance a name for this Rebound process, recorded with its claims
     * @param lease    how long a claim holds before another instance may take the batch over
     */
    public Outbox(DataSource dataSource, Clock clock, String instance, Duration lease) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.instance = instance;
        this.lease = lease;
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
                update(c, "UPDATE outbox_event SET claimed_by = ?, claimed_at = ? WHERE id = ?", claimed, now, true);
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
     * may be planned as a scan of the whole outbox, sent rows included (see store.KeyProbe).
     */
    private void update(Connection c, String sql, List<Entry> entries, Instant at, boolean claim)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Entry e : entries) {
                int i = 0;
                if (claim) {
                    s.setString(++i, instance);
                }
                s.setObject(++i, at.atOffset(ZoneOffset.UTC));
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

package org.rebound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.rebound.quarantine.AddressState;
import org.rebound.quarantine.HistoryEntry;
import org.rebound.quarantine.QuarantinePolicy;
import org.rebound.quarantine.Transition;

/**
 * An operator's view of the addresses, without SQL: an address's state, the history of its changes and its latest
 * bounces; and its release, which the history records with who released it and why. (The HTTP API and the
 * quarantine MBean call it.)
 */
public final class AddressRegister {

    /** How many of an address's latest bounces a lookup shows. */
    private static final int LATEST_BOUNCES = 20;

    private final DataSource dataSource;
    private final Clock clock;
    private final QuarantinePolicy policy;
    private final Consumer<List<HistoryEntry>> committedTransitions;

    public AddressRegister(DataSource dataSource, Clock clock, QuarantinePolicy policy,
                           Consumer<List<HistoryEntry>> committedTransitions) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.policy = policy;
        this.committedTransitions = committedTransitions;
    }

    /** An address as the API shows it; times in ISO-8601, empty when there is none. */
    public record AddressView(String address, String state, int softErrorCount, String lastReason,
                              String lastErrorAt, String quarantinedAt, String updatedAt, List<Change> history,
                              List<Bounce> latestBounces) {
    }

    /** One change of the address's state; actor and note only for an operator's change. */
    public record Change(String at, String from, String to, String reason, String rule, String eventId,
                         String actor, String note) {
    }

    /** One of the address's bounces. */
    public record Bounce(String at, String reason, String type, String provider, String deliveryId,
                         String statusCode, String diagnostic) {
    }

    /** The address's state, history and latest bounces; NoSuchElementException when Rebound never heard of it. */
    public AddressView lookup(String address) throws SQLException {
        String key = normalised(address);
        try (Connection c = dataSource.getConnection()) {
            return view(c, key).orElseThrow(() -> new NoSuchElementException("no address " + key));
        }
    }

    /**
     * Releases the address (VALID, its counter restarted) and records in its history who did it and why.
     *
     * @param actor the operator's login
     * @param note  why, in the operator's words (required)
     * @return the address as it is now
     */
    public AddressView release(String address, String actor, String note) throws SQLException {
        String key = normalised(address);
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a release needs a reason, which the address's history records");
        }
        Instant now = clock.instant();
        Transition t;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                AddressState before = Optional.ofNullable(AddressStates.lock(c, List.of(key)).get(key))
                        .orElseThrow(() -> new NoSuchElementException("no address " + key));
                t = policy.release(before, now);
                try (PreparedStatement s = c.prepareStatement("UPDATE address SET state = ?, soft_error_count = 0, "
                        + "last_error_at = NULL, quarantined_at = NULL, updated_at = ? WHERE address = ?")) {
                    s.setString(1, t.after().state().name());
                    s.setObject(2, now.atOffset(ZoneOffset.UTC));
                    s.setString(3, key);
                    s.executeUpdate();
                }
                AddressStates.insertHistory(c, t.history(), Optional.of(new AddressStates.Attribution(
                        cut(actor, 100), cut(note.strip(), 1000))));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            committedTransitions.accept(t.history());
            return view(c, key).orElseThrow();
        }
    }

    /** How many addresses are in each state (the quarantine MBean, the dashboard). */
    public Map<String, Integer> countsByState() throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, COUNT(*) FROM address GROUP BY state"); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static Optional<AddressView> view(Connection c, String address) throws SQLException {
        String state;
        int softErrors;
        String lastReason;
        String lastErrorAt;
        String quarantinedAt;
        String updatedAt;
        try (PreparedStatement s = c.prepareStatement("SELECT state, soft_error_count, last_reason, last_error_at, "
                + "quarantined_at, updated_at FROM address WHERE address = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                state = r.getString(1);
                softErrors = r.getInt(2);
                lastReason = text(r.getString(3));
                lastErrorAt = time(r, 4);
                quarantinedAt = time(r, 5);
                updatedAt = time(r, 6);
            }
        }
        List<Change> history = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT changed_at, from_state, to_state, reason, rule, "
                + "event_id, actor, note FROM address_history WHERE address = ? ORDER BY changed_at, id")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    history.add(new Change(time(r, 1), r.getString(2), r.getString(3), text(r.getString(4)),
                            r.getString(5), r.getString(6), text(r.getString(7)), text(r.getString(8))));
                }
            }
        }
        List<Bounce> bounces = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT received_at, reason, bounce_type, provider, "
                + "delivery_id, status_code, diagnostic FROM bounce_event WHERE recipient = ? "
                + "ORDER BY received_at DESC, id DESC")) {
            s.setString(1, address);
            s.setMaxRows(LATEST_BOUNCES);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bounces.add(new Bounce(time(r, 1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        }
        return Optional.of(new AddressView(address, state, softErrors, lastReason, lastErrorAt, quarantinedAt,
                updatedAt, history, bounces));
    }

    /** Addresses are stored as the reports gave them; a lookup ignores surrounding spaces only. */
    private static String normalised(String address) {
        if (address == null || address.isBlank() || !address.contains("@")) {
            throw new IllegalArgumentException("an address (local@domain) is needed, not '" + address + "'");
        }
        return address.strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? "" : t.toInstant().toString();
    }
}

package org.rebound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rebound.classify.Reason;
import org.rebound.quarantine.AddressState;
import org.rebound.quarantine.HistoryEntry;
import org.rebound.quarantine.State;

/**
 * Reads and writes addresses' quarantine states inside the caller's transaction. Rows are read FOR UPDATE so
 * that two Rebound instances recording bounces for one address take turns instead of losing an update.
 */
final class AddressStates {

    private static final String COLUMNS =
            "address, state, soft_error_count, last_error_at, last_reason, quarantined_at";

    private AddressStates() {
    }

    /** The stored states of these addresses; an address never seen is absent. */
    static Map<String, AddressState> lock(Connection c, Collection<String> addresses) throws SQLException {
        Map<String, AddressState> states = new HashMap<>();
        if (addresses.isEmpty()) {
            return states;
        }
        String marks = String.join(", ", Collections.nCopies(addresses.size(), "?"));
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM address WHERE address IN (" + marks + ") FOR UPDATE")) {
            int i = 0;
            for (String address : addresses) {
                s.setString(++i, address);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    AddressState state = new AddressState(rows.getString(1), State.parse(rows.getString(2)),
                            rows.getInt(3), instant(rows, 4), Optional.ofNullable(rows.getString(5)).map(Reason::parse),
                            instant(rows, 6));
                    states.put(state.address(), state);
                }
            }
        }
        return states;
    }

    /** Writes the final state of each address and the history of every change that led there. */
    static void save(Connection c, Map<String, AddressState> stored, Map<String, AddressState> current,
                     Map<String, String> lastEventIds, List<HistoryEntry> history, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE address SET state = ?, soft_error_count = ?, "
                + "last_error_at = ?, last_reason = ?, quarantined_at = ?, last_event_id = ?, updated_at = ? "
                + "WHERE address = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO address (state, soft_error_count, "
                     + "last_error_at, last_reason, quarantined_at, last_event_id, updated_at, address) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AddressState state : current.values()) {
                if (state.equals(stored.get(state.address()))) {
                    continue;
                }
                PreparedStatement s = stored.containsKey(state.address()) ? update : insert;
                s.setString(1, state.state().name());
                s.setInt(2, state.softErrorCount());
                s.setObject(3, time(state.lastSignificantError()));
                s.setString(4, state.lastReason().map(Reason::label).orElse(null));
                s.setObject(5, time(state.quarantinedAt()));
                s.setString(6, lastEventIds.get(state.address()));
                s.setObject(7, now.atOffset(ZoneOffset.UTC));
                s.setString(8, state.address());
                s.addBatch();
            }
            update.executeBatch();
            insert.executeBatch();
        }
        insertHistory(c, history, Optional.empty());
    }

    /** Who made a change by hand (an operator through the API or JMX), and why, in their words. */
    record Attribution(String actor, String note) {
    }

    /** Appends these changes to the addresses' history, with the operator who made them, if one did. */
    static void insertHistory(Connection c, List<HistoryEntry> history, Optional<Attribution> by)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO address_history (address, from_state, to_state, "
                + "reason, rule, event_id, changed_at, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (HistoryEntry h : history) {
                s.setString(1, h.address());
                s.setString(2, h.from().name());
                s.setString(3, h.to().name());
                s.setString(4, h.reason().map(Reason::label).orElse(null));
                s.setString(5, h.rule().id());
                s.setString(6, h.eventId());
                s.setObject(7, h.at().atOffset(ZoneOffset.UTC));
                s.setString(8, by.map(Attribution::actor).orElse(null));
                s.setString(9, by.map(Attribution::note).orElse(null));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime time(Optional<Instant> instant) {
        return instant.map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null);
    }
}

package org.rebound.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.rebound.classify.BounceType;
import org.rebound.classify.Classification;
import org.rebound.classify.Classifier;
import org.rebound.classify.Fault;
import org.rebound.classify.Reason;
import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.message.BounceEvent;
import org.rebound.quarantine.AddressState;
import org.rebound.quarantine.HistoryEntry;
import org.rebound.quarantine.Outcome;
import org.rebound.quarantine.PolicyRule;
import org.rebound.quarantine.QuarantinePolicy;
import org.rebound.quarantine.Transition;

/**
 * Runs the current parser and rule book again over the stored raw messages, so that no bounce needs fetching twice
 * when the rules improve: each stored event whose reason changes is updated, and each address with a changed
 * event has its state worked out again by replaying its events through the quarantine policy. A state that comes
 * out different is written with a history entry (rule "reclassified") naming the address's latest event.
 */
public final class Reclassifier {

    /** What a run changed. */
    public record Summary(int messages, int unreadable, int events, int eventsChanged, int addressesChanged) {
    }

    private static final int PAGE = 200;

    private final DataSource dataSource;
    private final ReportParser parser;
    private final Classifier classifier;
    private final QuarantinePolicy policy;
    private final Clock clock;

    public Reclassifier(DataSource dataSource, ReportParser parser, Classifier classifier, QuarantinePolicy policy,
                        Clock clock) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.classifier = classifier;
        this.policy = policy;
        this.clock = clock;
    }

    public Summary run() throws SQLException {
        int messages = 0;
        int unreadable = 0;
        int events = 0;
        int changed = 0;
        Set<String> addresses = new TreeSet<>();
        String after = "";
        while (true) {
            Map<String, byte[]> page = rawPage(after);
            if (page.isEmpty()) {
                break;
            }
            Map<String, Classification> fresh = new HashMap<>();
            for (Map.Entry<String, byte[]> raw : page.entrySet()) {
                messages++;
                try {
                    BounceReport report = parser.parse(raw.getValue());
                    for (int i = 0; i < report.recipients().size(); i++) {
                        RecipientStatus r = report.recipients().get(i);
                        fresh.put(BounceEvent.eventId(raw.getKey(), i, r.finalRecipient()),
                                classifier.classify(report, r));
                    }
                } catch (UnparseableMessageException e) {
                    unreadable++;
                }
                after = raw.getKey();
            }
            Map<String, String> recipients = new HashMap<>();
            List<Map.Entry<String, Classification>> updates = new ArrayList<>();
            events += differences(page.keySet(), fresh, recipients, updates);
            update(updates);
            changed += updates.size();
            updates.forEach(u -> addresses.add(recipients.get(u.getKey())));
        }
        int addressesChanged = 0;
        for (String address : addresses) {
            addressesChanged += replay(address) ? 1 : 0;
        }
        return new Summary(messages, unreadable, events, changed, addressesChanged);
    }

    /** The next page of raw messages in hash order, decompressed. */
    private Map<String, byte[]> rawPage(String after) throws SQLException {
        Map<String, byte[]> page = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT content_hash, compressed FROM raw_message WHERE content_hash > ? ORDER BY content_hash "
                        + "FETCH FIRST " + PAGE + " ROWS ONLY")) {
            s.setString(1, after);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.put(rows.getString(1), gunzip(rows.getBytes(2)));
                }
            }
        }
        return page;
    }

    /** Compares the stored events of these messages with the fresh classifications; returns how many were read. */
    private int differences(Set<String> hashes, Map<String, Classification> fresh, Map<String, String> recipients,
                            List<Map.Entry<String, Classification>> updates) throws SQLException {
        int read = 0;
        String marks = String.join(", ", Collections.nCopies(hashes.size(), "?"));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event_id, recipient, reason, rule_id FROM bounce_event WHERE content_hash IN (" + marks + ")")) {
            int i = 0;
            for (String hash : hashes) {
                s.setString(++i, hash);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    read++;
                    Classification now = fresh.get(rows.getString(1));
                    if (now != null && (!now.reason().label().equals(rows.getString(3))
                            || !now.ruleId().equals(rows.getString(4)))) {
                        updates.add(Map.entry(rows.getString(1), now));
                        recipients.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return read;
    }

    private void update(List<Map.Entry<String, Classification>> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE bounce_event SET reason = ?, bounce_type = ?, fault = ?, category = ?, rule_id = ? "
                        + "WHERE event_id = ?")) {
            for (Map.Entry<String, Classification> u : updates) {
                Classification now = u.getValue();
                s.setString(1, now.reason().label());
                s.setString(2, now.type().label());
                s.setString(3, now.fault().label());
                s.setString(4, now.reason().category().name());
                s.setString(5, now.ruleId());
                s.setString(6, u.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Works the address's state out again from all its events; writes it when it differs. */
    private boolean replay(String address) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, AddressState> stored = AddressStates.lock(c, List.of(address));
            AddressState state = AddressState.valid(address);
            String lastEvent = "";
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, action, status_code, reply_code, "
                    + "reason, bounce_type, fault, rule_id, received_at FROM bounce_event WHERE recipient = ? "
                    + "ORDER BY received_at, id")) {
                s.setString(1, address);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        lastEvent = rows.getString(1);
                        Instant at = rows.getObject(9, OffsetDateTime.class).toInstant();
                        RecipientStatus recipient = new RecipientStatus(address, "",
                                Action.parse(rows.getString(2)).orElse(Action.FAILED),
                                StatusCode.find(rows.getString(3)), rows.getString(4), "", "", "",
                                SmtpCommand.UNKNOWN);
                        Classification classification = new Classification(Reason.parse(rows.getString(5)),
                                BounceType.parse(rows.getString(6)), Fault.parse(rows.getString(7)),
                                rows.getString(8), "");
                        Transition t = policy.apply(state, Outcome.of(recipient, classification, at, lastEvent));
                        state = t.after();
                    }
                }
            }
            AddressState before = stored.getOrDefault(address, AddressState.valid(address));
            if (state.equals(before)) {
                c.rollback();
                return false;
            }
            Instant now = clock.instant();
            HistoryEntry entry = new HistoryEntry(address, before.state(), state.state(), state.lastReason(),
                    lastEvent, now, PolicyRule.RECLASSIFIED);
            AddressStates.save(c, stored, Map.of(address, state), Map.of(address, lastEvent), List.of(entry), now);
            c.commit();
            return true;
        }
    }

    private static byte[] gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored raw message is not valid gzip", e);
        }
    }
}

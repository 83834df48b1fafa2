package org.rebound.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.rebound.classify.QualificationLog;
import org.rebound.correlate.KeyType;
import org.rebound.correlate.SentMessage;
import org.rebound.correlate.SentMessageTable;
import org.rebound.dsn.FieldLimits;
import org.rebound.dsn.RecipientStatus;
import org.rebound.events.Outbox;
import org.rebound.message.BounceEvent;
import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.provider.ReceivingProviders;
import org.rebound.quarantine.AddressState;
import org.rebound.quarantine.HistoryEntry;
import org.rebound.quarantine.Outcome;
import org.rebound.quarantine.QuarantinePolicy;
import org.rebound.quarantine.Transition;

/**
 * Records the results of a window of returned messages in one transaction: the bounce events, their raw messages
 * (compressed, for reclassification), their JSON events in the outbox, the sent messages' status, each address's
 * quarantine state with the history of its changes, and what was done with every message. Either all of it is
 * committed or none, and only then may the messages leave the mailbox.
 */
public final class BounceStore {

    /** Package-private for EventInsertBenchmark, which sends the same statement through camel-sql. */
    static final String INSERT_EVENT = "INSERT INTO bounce_event (event_id, content_hash, recipient, "
            + "original_recipient, action, status_code, reply_code, diagnostic, remote_mta, reporting_mta, kind, "
            + "feedback_type, reason, bounce_type, fault, category, rule_id, original_message_id, correlation_key, "
            + "sent_message_id, delivery_id, received_at, verification, provider) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;
    private final QuarantinePolicy policy;
    private final Optional<String> statusUpdate;
    private final Consumer<List<HistoryEntry>> committedTransitions;
    private final ReceivingProviders providers;

    /**
     * @param sentStatusTable the sending system's table, when Rebound is to write the sent messages' status into
     *                        its status, status_reason and status_at columns; empty to leave that table alone
     * @param providers            names each bounce's receiving provider, stored with it for the reports
     * @param committedTransitions told of the addresses' changes of state once they have committed (the metrics)
     */
    public BounceStore(DataSource dataSource, Clock clock, QuarantinePolicy policy,
                       Optional<SentMessageTable> sentStatusTable, ReceivingProviders providers,
                       Consumer<List<HistoryEntry>> committedTransitions) {
        this.dataSource = dataSource;
        this.providers = providers;
        this.committedTransitions = committedTransitions;
        this.clock = clock;
        this.policy = policy;
        this.statusUpdate = sentStatusTable.map(t -> "UPDATE " + t.table() + " SET "
                + String.join(" = ?, ", SentMessageTable.STATUS_COLUMNS) + " = ? WHERE " + t.messageIdColumn()
                + " = ? AND "
                + t.recipientColumn() + " = ?");
    }

    /**
     * Records a window of returned messages in one transaction: the events of the messages whose events are
     * recorded, with their raw messages, their outbox entries, the sent messages' status and the addresses' states;
     * and for every message of the window, whatever its fate, its outcome (so that it is not recorded twice) and
     * the diagnostics no rule read (the qualification log).
     *
     * @param recorded the window's messages whose events are recorded (Window.recorded)
     * @param window   all the window's messages (Window.dispositions)
     */
    public void record(List<Disposition> recorded, List<Disposition> window) throws SQLException {
        if (window.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // Compressed before the transaction opens, on every core: the window's slowest step when done in it.
        List<Compressed> raw = recorded.parallelStream()
                .map(d -> new Compressed(d.message(), gzip(d.message().raw()))).toList();
        List<HistoryEntry> transitions;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<BounceEvent> events = notYetStored(c,
                        recorded.stream().flatMap(d -> d.recorded().stream()).toList());
                insertRaw(c, raw);
                insertEvents(c, events);
                Outbox.add(c, events, now);
                // Anyone can mail the bounce address: only a bounce proven to belong to a message sent to its
                // recipient changes that message's status or the address's state (correlate.Verification).
                List<BounceEvent> proven = events.stream()
                        .filter(e -> e.correlation().verification().proven()).toList();
                updateSentStatus(c, proven);
                transitions = updateAddresses(c, proven, now);
                QualificationLog.recordAll(c, unqualified(window), now);
                ReceivedMessages.rememberAll(c, window, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        committedTransitions.accept(transitions);
    }

    private void insertEvents(Connection c, List<BounceEvent> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
            for (BounceEvent e : events) {
                RecipientStatus r = e.recipient();
                int i = 0;
                s.setString(++i, e.eventId());
                s.setString(++i, e.message().contentHash());
                s.setString(++i, r.finalRecipient());
                s.setString(++i, r.originalRecipient());
                s.setString(++i, r.action().keyword());
                s.setString(++i, r.statusText());
                s.setString(++i, r.replyCode());
                s.setString(++i, r.diagnostic());
                s.setString(++i, r.remoteMta());
                s.setString(++i, e.report().reportingMta());
                s.setString(++i, e.report().kind().name());
                s.setString(++i, e.report().feedbackType());
                s.setString(++i, e.result().reason().label());
                s.setString(++i, e.result().type().label());
                s.setString(++i, e.result().fault().label());
                s.setString(++i, e.result().reason().category().name());
                s.setString(++i, FieldLimits.cut(e.result().ruleId(), FieldLimits.RULE_ID));
                s.setString(++i, e.report().original().messageId());
                s.setString(++i, e.correlation().matchedBy().map(KeyType::label).orElse("none"));
                s.setString(++i, FieldLimits.cut(e.correlation().sentMessage().map(SentMessage::messageId).orElse(""),
                        FieldLimits.MESSAGE_ID));
                s.setString(++i, FieldLimits.cut(e.correlation().sentMessage().map(SentMessage::deliveryId).orElse(""),
                        FieldLimits.DELIVERY_ID));
                s.setObject(++i, e.receivedAt().atOffset(ZoneOffset.UTC));
                s.setString(++i, e.correlation().verification().label());
                s.setString(++i, providers.of(r.finalRecipient(), r.remoteMta()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The events whose ids are not stored yet: a message sent through again (a redrive of a partly correlated
     * bounce) adds only what is new, and no address counts one bounce twice.
     */
    private static List<BounceEvent> notYetStored(Connection c, List<BounceEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return events;
        }
        Set<String> stored = KeyProbe.find(c, "bounce_event", "event_id", "event_id",
                events.stream().map(BounceEvent::eventId).toList()).keySet();
        return stored.isEmpty() ? events : events.stream().filter(e -> !stored.contains(e.eventId())).toList();
    }

    /** The failures of the window whose diagnostics no rule read, for the qualification log. */
    private static List<QualificationLog.Unqualified> unqualified(List<Disposition> window) {
        return window.stream().flatMap(d -> d.result().events().stream()).filter(BounceEvent::unqualified)
                .map(e -> new QualificationLog.Unqualified(e.recipient().diagnostic(), e.result().reason()))
                .toList();
    }

    private void updateSentStatus(Connection c, List<BounceEvent> events) throws SQLException {
        if (statusUpdate.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(statusUpdate.get())) {
            for (BounceEvent e : events) {
                Optional<SentMessage> sent = e.correlation().sentMessage();
                if (sent.isEmpty()) {
                    continue;
                }
                s.setString(1, SentStatus.of(e).label());
                s.setString(2, e.result().reason().label());
                s.setObject(3, e.receivedAt().atOffset(ZoneOffset.UTC));
                s.setString(4, sent.get().messageId());
                s.setString(5, sent.get().recipient());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Applies the quarantine policy to each recipient's address, event by event, in the order they came. */
    private List<HistoryEntry> updateAddresses(Connection c, List<BounceEvent> events, Instant now)
            throws SQLException {
        // Sorted, so that instances locking overlapping addresses take the locks in one order and never deadlock.
        Set<String> addresses = new TreeSet<>();
        events.forEach(e -> addresses.add(e.recipient().finalRecipient()));
        Map<String, AddressState> stored = AddressStates.lock(c, addresses);
        Map<String, AddressState> current = new HashMap<>(stored);
        Map<String, String> lastEventIds = new HashMap<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (BounceEvent e : events) {
            String address = e.recipient().finalRecipient();
            Transition t = policy.apply(current.getOrDefault(address, AddressState.valid(address)),
                    Outcome.of(e.recipient(), e.result(), e.receivedAt(), e.eventId()));
            current.put(address, t.after());
            lastEventIds.put(address, e.eventId());
            history.addAll(t.history());
        }
        AddressStates.save(c, stored, current, lastEventIds, history, now);
        return history;
    }

    /** A returned message and its gzip. */
    private record Compressed(ReturnedMessage message, byte[] gzip) {
    }

    private static void insertRaw(Connection c, List<Compressed> messages) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO raw_message (content_hash, compressed, size_bytes) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM raw_message WHERE content_hash = ?)")) {
            for (Compressed m : messages) {
                s.setString(1, m.message().contentHash());
                s.setBytes(2, m.gzip());
                s.setInt(3, m.message().raw().length);
                s.setString(4, m.message().contentHash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Gzip (RFC 1952) at the fastest level: bounces are text and shrink about 3 times even so, and level 1
     * compresses several times faster than the default 6, which was the slowest step of a window's transaction.
     */
    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}

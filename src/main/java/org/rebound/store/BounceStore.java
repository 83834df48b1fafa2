package org.rebound.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.rebound.dsn.RecipientStatus;
import org.rebound.pipeline.BounceEvent;
import org.rebound.pipeline.ReturnedMessage;

/**
 * Records the results of one returned message in one transaction: its bounce events, its raw bytes (compressed,
 * for reclassification) and the fact that it was received. Either all of it is committed or none, and only then
 * may the message leave the mailbox.
 */
public final class BounceStore {

    private static final String INSERT_EVENT = "INSERT INTO bounce_event (event_id, content_hash, recipient, "
            + "original_recipient, action, status_code, reply_code, diagnostic, remote_mta, reporting_mta, kind, "
            + "feedback_type, reason, bounce_type, fault, category, rule_id, original_message_id, correlation_key, "
            + "sent_message_id, delivery_id, received_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final int DIAGNOSTIC_LIMIT = 4000;

    private final DataSource dataSource;

    public BounceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the events of one returned message; nothing when they are empty. */
    public void record(ReturnedMessage message, List<BounceEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Instant receivedAt = events.get(0).receivedAt();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertRaw(c, message);
                insertEvents(c, events);
                ReceivedMessages.remember(c, message, ReceivedMessages.Outcome.RECORDED, receivedAt);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insertEvents(Connection c, List<BounceEvent> events) throws SQLException {
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
                s.setString(++i, truncate(r.diagnostic(), DIAGNOSTIC_LIMIT));
                s.setString(++i, truncate(r.remoteMta(), 255));
                s.setString(++i, truncate(e.report().reportingMta(), 255));
                s.setString(++i, e.report().kind().name());
                s.setString(++i, truncate(e.report().feedbackType(), 40));
                s.setString(++i, e.result().reason().label());
                s.setString(++i, e.result().type().label());
                s.setString(++i, e.result().fault().label());
                s.setString(++i, e.result().reason().category().name());
                s.setString(++i, truncate(e.result().ruleId(), 120));
                s.setString(++i, truncate(e.report().original().messageId(), 998));
                s.setString(++i, e.correlation().key());
                s.setString(++i, e.correlation().sentMessageId());
                s.setString(++i, e.correlation().deliveryId());
                s.setObject(++i, e.receivedAt().atOffset(ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertRaw(Connection c, ReturnedMessage message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO raw_message (content_hash, compressed, size_bytes) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM raw_message WHERE content_hash = ?)")) {
            s.setString(1, message.contentHash());
            s.setBytes(2, gzip(message.raw()));
            s.setInt(3, message.raw().length);
            s.setString(4, message.contentHash());
            s.executeUpdate();
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}

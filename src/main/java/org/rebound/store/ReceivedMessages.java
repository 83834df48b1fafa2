package org.rebound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Disposition.Outcome;

/**
 * The returned messages Rebound has already dealt with, by content hash. POP3 has no flags (RFC 1939), so a
 * message fetched again after a crash between commit and delete is recognised here and not recorded twice.
 */
public final class ReceivedMessages {

    private static final int CHUNK = 500;

    private final DataSource dataSource;

    public ReceivedMessages(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What was done before with the messages of these hashes; a hash never seen is absent. */
    public Map<String, Outcome> outcomes(Collection<String> hashes) throws SQLException {
        Map<String, Outcome> outcomes = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            KeyProbe.find(c, "received_message", "content_hash", "outcome", hashes)
                    .forEach((hash, outcome) -> outcomes.put(hash, Outcome.parse(outcome)));
        }
        return outcomes;
    }

    /** The mailbox ids (POP3 UIDLs) of the messages kept in the mailbox. */
    public List<String> keptMailboxUids() throws SQLException {
        List<String> uids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT mailbox_uid FROM received_message WHERE outcome = 'KEPT' AND mailbox_uid <> ''");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                uids.add(rows.getString(1));
            }
        }
        return uids;
    }

    /** Forgets what was done with these messages, so that they go through the pipeline again (redrive). */
    public void forget(Collection<String> hashes) throws SQLException {
        List<String> all = new ArrayList<>(hashes);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                try (PreparedStatement s = c.prepareStatement("DELETE FROM received_message WHERE content_hash IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    s.executeUpdate();
                }
            }
        }
    }

    /** Remembers, in a transaction of its own, what was done with one message (one isolated from its window). */
    public void rememberNow(ReturnedMessage message, Outcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            remember(c, List.of(new Remembered(message, outcome)), Instant.now());
        }
    }

    /** A message and what was done with it. */
    record Remembered(ReturnedMessage message, Outcome outcome) {
    }

    /** Records outcomes within the caller's transaction; a message already remembered keeps its first outcome. */
    static void rememberAll(Connection c, List<Disposition> dispositions, Instant at) throws SQLException {
        remember(c, dispositions.stream().map(d -> new Remembered(d.message(), d.outcome())).toList(), at);
    }

    private static void remember(Connection c, List<Remembered> dispositions, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO received_message (content_hash, mailbox_uid, outcome, received_at, fetched_at) "
                        + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM received_message WHERE content_hash = ?)")) {
            for (Remembered d : dispositions) {
                ReturnedMessage message = d.message();
                s.setString(1, message.contentHash());
                s.setString(2, message.mailboxUid());
                s.setString(3, d.outcome().name());
                s.setObject(4, at.atOffset(ZoneOffset.UTC));
                s.setObject(5, message.fetchedAt().atOffset(ZoneOffset.UTC));
                s.setString(6, message.contentHash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}

package org.rebound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.rebound.pipeline.ReturnedMessage;

/**
 * The returned messages Rebound has already dealt with, by content hash. POP3 has no flags (RFC 1939), so a
 * message fetched again after a crash between commit and delete is recognised here and not recorded twice.
 */
public final class ReceivedMessages {

    /** What Rebound did with a message. */
    public enum Outcome {
        RECORDED, DEAD_LETTERED, KEPT;

        public static Outcome parse(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public ReceivedMessages(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** What was done with this message before, or "" when it is new. */
    public String previousOutcome(ReturnedMessage message) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT outcome FROM received_message WHERE content_hash = ?")) {
            s.setString(1, message.contentHash());
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }

    /** A message that is not a bounce and stays in the mailbox: it is read once and then left alone. */
    public void rememberKept(ReturnedMessage message) throws SQLException {
        remember(message, Outcome.KEPT);
    }

    /** A message whose file in the dead-letter folder is on disk. */
    public void rememberDeadLettered(ReturnedMessage message) throws SQLException {
        remember(message, Outcome.DEAD_LETTERED);
    }

    private void remember(ReturnedMessage message, Outcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            remember(c, message, outcome, clock.instant());
        }
    }

    /** Records the outcome within the caller's transaction; a message already remembered keeps its first outcome. */
    static void remember(Connection c, ReturnedMessage message, Outcome outcome, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO received_message (content_hash, mailbox_uid, outcome, received_at) "
                        + "SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM received_message WHERE content_hash = ?)")) {
            s.setString(1, message.contentHash());
            s.setString(2, message.mailboxUid());
            s.setString(3, outcome.name());
            s.setObject(4, at.atOffset(ZoneOffset.UTC));
            s.setString(5, message.contentHash());
            s.executeUpdate();
        }
    }
}

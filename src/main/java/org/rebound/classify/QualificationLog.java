package org.rebound.classify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.rebound.dsn.RecipientStatus;

/**
 * Counts the diagnostics that no text rule matched, by normalised pattern, in table {@code qualification_log}
 * (migration V2), so that an operator sees the most frequent unknown wordings and writes rules for them, as Adobe
 * Campaign's delivery log qualification does. A new pattern starts as to_qualify; the operator marks it keep or
 * ignore. The upsert is an UPDATE, then an INSERT when no row was updated, which every SQL database runs the same
 * way; an INSERT that loses a race with another writer is retried as an UPDATE.
 */
public final class QualificationLog {

    private static final int EXAMPLE_LENGTH = 2000;

    private final DataSource dataSource;
    private final Clock clock;

    public QualificationLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public QualificationLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /**
     * Records the recipient's diagnostic when it reports a failure and no rule read its text; returns true when it
     * was recorded.
     */
    public boolean observe(RecipientStatus recipient, Explanation explanation) throws SQLException {
        if (!explanation.needsQualification(recipient)) {
            return false;
        }
        record(recipient.diagnostic(), explanation.classification().reason());
        return true;
    }

    /** A failure's diagnostic that no rule read, and the reason a fallback gave it. */
    public record Unqualified(String diagnostic, Reason reason) {
    }

    /**
     * Counts the patterns of a window's unqualified diagnostics within the caller's transaction: one batched
     * update, and inserts for the patterns never seen.
     */
    public static void recordAll(Connection c, List<Unqualified> diagnostics, Instant at) throws SQLException {
        Map<String, List<Unqualified>> byPattern = new LinkedHashMap<>();
        for (Unqualified u : diagnostics) {
            String pattern = DiagnosticNormaliser.normalise(u.diagnostic());
            if (!pattern.isEmpty()) {
                byPattern.computeIfAbsent(pattern, p -> new ArrayList<>()).add(u);
            }
        }
        if (byPattern.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(at);
        List<String> patterns = new ArrayList<>(byPattern.keySet());
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE qualification_log SET count = count + ?, "
                + "last_seen = ?, reason = ? WHERE pattern = ?")) {
            for (String pattern : patterns) {
                List<Unqualified> seen = byPattern.get(pattern);
                s.setLong(1, seen.size());
                s.setTimestamp(2, now);
                s.setString(3, seen.get(seen.size() - 1).reason().label());
                s.setString(4, pattern);
                s.addBatch();
            }
            updated = s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO qualification_log"
                + " (pattern, count, first_seen, last_seen, status, reason, example) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < patterns.size(); i++) {
                if (updated[i] == 0) {
                    List<Unqualified> seen = byPattern.get(patterns.get(i));
                    String example = seen.get(0).diagnostic();
                    s.setString(1, patterns.get(i));
                    s.setLong(2, seen.size());
                    s.setTimestamp(3, now);
                    s.setTimestamp(4, now);
                    s.setString(5, QualificationStatus.TO_QUALIFY.label());
                    s.setString(6, seen.get(seen.size() - 1).reason().label());
                    s.setString(7, example.length() > EXAMPLE_LENGTH ? example.substring(0, EXAMPLE_LENGTH) : example);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Counts one occurrence of the diagnostic's pattern. */
    public void record(String diagnostic, Reason reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            recordAll(c, List.of(new Unqualified(diagnostic, reason)), clock.instant());
        }
    }

    /** The most frequent patterns, most frequent first; only those with the status given, if one is. */
    public List<QualificationEntry> top(int limit, Optional<QualificationStatus> status) throws SQLException {
        String sql = "SELECT pattern, count, first_seen, last_seen, status, reason, example FROM qualification_log"
                + (status.isPresent() ? " WHERE status = ?" : "") + " ORDER BY count DESC, pattern";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(limit);
            if (status.isPresent()) {
                s.setString(1, status.get().label());
            }
            List<QualificationEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new QualificationEntry(rs.getString(1), rs.getLong(2), instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)), QualificationStatus.parse(rs.getString(5)),
                            Reason.parse(rs.getString(6)), rs.getString(7)));
                }
            }
            return out;
        }
    }

    /** Sets the operator's decision on a pattern; false when the pattern is not in the log. */
    public boolean mark(String pattern, QualificationStatus status) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE qualification_log SET status = ? WHERE pattern = ?")) {
            s.setString(1, status.label());
            s.setString(2, pattern);
            return s.executeUpdate() > 0;
        }
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}

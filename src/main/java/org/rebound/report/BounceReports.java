package org.rebound.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.rebound.classify.BounceType;
import org.rebound.classify.Reason;
import org.rebound.correlate.SentMessageTable;

/**
 * Reads a campaign's or a day's bounce breakdown from the stored bounces and the sending system's table (the API,
 * the dashboard, the report command). A campaign is the delivery id the sending system's table gives
 * (rebound.correlation.sent-messages.delivery-id-column).
 */
public final class BounceReports {

    /** The reason of a feedback report (RFC 5965): a recipient's complaint. */
    public static final String COMPLAINT_REASON = Reason.FEEDBACK.label();
    private static final String HARD = BounceType.HARD.label();

    private final DataSource dataSource;
    private final SentMessageTable sent;

    public BounceReports(DataSource dataSource, SentMessageTable sent) {
        this.dataSource = dataSource;
        this.sent = sent;
    }

    /** A campaign's bounces; a campaign with no bounce and nothing sent is an empty breakdown. */
    public BounceBreakdown campaign(String deliveryId) throws SQLException {
        if (deliveryId == null || deliveryId.isBlank()) {
            throw new IllegalArgumentException("a campaign's delivery id is needed");
        }
        try (Connection c = dataSource.getConnection()) {
            int sentCount = count(c, "SELECT COUNT(*) FROM " + sent.table() + " WHERE " + sent.deliveryIdColumn()
                    + " = ?", deliveryId);
            return breakdown(c, "campaign", deliveryId, sentCount, "delivery_id = ?", deliveryId);
        }
    }

    /** A day's bounces (UTC), by the time Rebound read them; sent: the messages sent that day. */
    public BounceBreakdown day(LocalDate day) throws SQLException {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        try (Connection c = dataSource.getConnection()) {
            int sentCount = count(c, "SELECT COUNT(*) FROM " + sent.table() + " WHERE " + sent.sentAtColumn()
                    + " >= ? AND " + sent.sentAtColumn() + " < ?", from, to);
            return breakdown(c, "day", day.toString(), sentCount, "received_at >= ? AND received_at < ?", from, to);
        }
    }

    /** What the bounces recorded since a time can be counted by. */
    public enum Dimension {
        REASON("reason"), TYPE("bounce_type"), PROVIDER("provider"), FAULT("fault");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    /** How many bounces were recorded since {@code since} for each value of a dimension, largest first. */
    public Map<String, Integer> countBy(Dimension dimension, Instant since) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT "
                + dimension.column + ", COUNT(*) FROM bounce_event WHERE received_at >= ? GROUP BY "
                + dimension.column + " ORDER BY COUNT(*) DESC, " + dimension.column)) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * The bounces recorded from a time until another, by type, in buckets of a given length: each bucket's start (epoch seconds)
     * and, per type (hard, soft, none), its count; every bucket is present, empty ones with 0.
     */
    public record Timeline(long bucketSeconds, List<Long> starts, Map<String, List<Integer>> byType) {
    }

    public Timeline overTime(Instant since, Instant until, Duration bucket) throws SQLException {
        long size = bucket.toSeconds();
        if (size < 1) {
            throw new IllegalArgumentException("a bucket is at least a second long, not " + bucket);
        }
        long first = Math.floorDiv(since.getEpochSecond(), size);
        long last = Math.floorDiv(until.getEpochSecond(), size);
        int n = (int) Math.min(10_000, last - first + 1);
        List<Long> starts = new ArrayList<>(n);
        Map<String, List<Integer>> byType = new LinkedHashMap<>();
        for (BounceType t : BounceType.values()) {
            byType.put(t.label(), new ArrayList<>(Collections.nCopies(n, 0)));
        }
        for (int i = 0; i < n; i++) {
            starts.add((first + i) * size);
        }
        // Epoch arithmetic rather than a date function: EXTRACT(EPOCH ...) and FLOOR read the same on H2 and
        // PostgreSQL, where their date_trunc-like functions differ.
        String bucketOf = "FLOOR(EXTRACT(EPOCH FROM received_at) / " + size + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + bucketOf
                + ", bounce_type, COUNT(*) FROM bounce_event WHERE received_at >= ? GROUP BY " + bucketOf
                + ", bounce_type")) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int i = (int) (r.getLong(1) - first);
                    List<Integer> series = byType.get(r.getString(2));
                    if (series != null && i >= 0 && i < n) {
                        series.set(i, r.getInt(3));
                    }
                }
            }
        }
        return new Timeline(size, starts, byType);
    }

    private static BounceBreakdown breakdown(Connection c, String scope, String subject, int sentCount, String where,
                                             Object... parameters) throws SQLException {
        List<BounceBreakdown.Row> rows = new ArrayList<>();
        int bounces = 0;
        int hard = 0;
        int complaints = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT reason, bounce_type, provider, COUNT(*) FROM "
                + "bounce_event WHERE " + where + " GROUP BY reason, bounce_type, provider "
                + "ORDER BY COUNT(*) DESC, reason, bounce_type, provider")) {
            bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    BounceBreakdown.Row row = new BounceBreakdown.Row(r.getString(1), r.getString(2), r.getString(3),
                            r.getInt(4));
                    rows.add(row);
                    bounces += row.count();
                    hard += row.type().equals(HARD) ? row.count() : 0;
                    complaints += row.reason().equals(COMPLAINT_REASON) ? row.count() : 0;
                }
            }
        }
        return new BounceBreakdown(scope, subject, sentCount, bounces, hard, complaints, rows);
    }

    private static int count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }
}

package org.rebound.reputation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.correlate.SentMessageTable;
import org.rebound.events.PayloadAsMessage;
import org.rebound.provider.ReceivingProviders;

/**
 * Reputation alerts: each check reads the rates of the sliding window (per campaign, per receiving provider),
 * raises an alert for each threshold newly crossed, and clears the open alerts whose rate fell back. The state is
 * the database's (reputation_alert), so several instances sharing it raise each alert once: an open alert's key is
 * unique, and only the instance whose insert succeeds raised it. Each raised alert waits in the table, as in an
 * outbox, until the publishing route has sent its JSON to the alert topic.
 */
public final class ReputationAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An alert to publish: its row, its stable id (consumers deduplicate on it) and its JSON. */
    public record Pending(long id, String alertId, String payload) implements PayloadAsMessage.Publishable {

        @Override
        public String stableId() {
            return alertId;
        }
    }

    /** An alert still open: the rate is over the threshold. */
    public record Open(String scope, String subject, String metric, String level, double rate, double threshold,
                       int counted, int sent, String raisedAt) {
    }

    /** What a check found: every rate of the window, and the alerts open after it. */
    public record Check(List<Rate> rates, List<Open> open) {
    }

    /** The JSON event of a raised alert, as the alert topic carries it. */
    public record AlertEvent(String alertId, String scope, String subject, String metric, String level, double rate,
                      double threshold, int counted, int sent, String window, String raisedAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Thresholds thresholds;
    private final ReputationWindow window;
    private final String instance;
    private final Duration lease;

    /**
     * @param instance this process's name, recorded with its claims on alerts to publish
     * @param lease    how long a claim holds before another instance may publish the alert
     */
    public ReputationAlerts(DataSource dataSource, Clock clock, Thresholds thresholds, SentMessageTable sent,
                            ReceivingProviders providers, String instance, Duration lease) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.thresholds = thresholds;
        this.window = new ReputationWindow(sent, providers);
        this.instance = instance;
        this.lease = lease;
    }

    /** Reads the window's rates, raises the alerts newly crossed and clears those that fell back. */
    public Check check() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Rate> rates = window.rates(c, now.minus(thresholds.window()));
            Map<String, Open> open = openByKey(c);
            for (Rate rate : rates) {
                for (Level level : Level.values()) {
                    String key = key(rate, level);
                    double threshold = thresholds.of(rate.metric(), level);
                    boolean crossed = rate.sent() >= thresholds.minSent() && rate.value() >= threshold;
                    if (crossed && !open.containsKey(key)) {
                        raise(c, rate, level, threshold, key, now);
                    } else if (!crossed && open.containsKey(key)) {
                        clear(c, key, now);
                    }
                }
            }
            return new Check(rates, List.copyOf(openByKey(c).values()));
        }
    }

    /** The window's rates as they are now, raising and clearing nothing (the dashboard). */
    public List<Rate> rates() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return window.rates(c, clock.instant().minus(thresholds.window()));
        }
    }

    /** The thresholds and window the alerts apply. */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** The open alerts, as the last check left them. */
    public List<Open> open() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return List.copyOf(openByKey(c).values());
        }
    }

    /** Up to {@code limit} raised alerts not yet published that no live instance holds, claimed for this one. */
    public List<Pending> claim(int limit) throws SQLException {
        Instant now = clock.instant();
        List<Pending> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT id, alert_id, payload FROM reputation_alert "
                    + "WHERE published_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id")) {
                s.setObject(1, now.minus(lease).atOffset(ZoneOffset.UTC));
                s.setMaxRows(limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new Pending(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            List<Pending> ours = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE reputation_alert SET claimed_by = ?, claimed_at = ? "
                    + "WHERE id = ? AND published_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?)")) {
                for (Pending p : candidates) {
                    s.setString(1, instance);
                    s.setObject(2, now.atOffset(ZoneOffset.UTC));
                    s.setLong(3, p.id());
                    s.setObject(4, now.minus(lease).atOffset(ZoneOffset.UTC));
                    // Whoever updates the row holds it: another instance's update of the same row finds it claimed.
                    if (s.executeUpdate() == 1) {
                        ours.add(p);
                    }
                }
            }
            return ours;
        }
    }

    /** The alert topic accepted the alert. */
    public void published(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE reputation_alert SET published_at = ? WHERE id = ?")) {
            s.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    private void raise(Connection c, Rate rate, Level level, double threshold, String key, Instant now)
            throws SQLException {
        String alertId = UUID.randomUUID().toString();
        String payload = json(new AlertEvent(alertId, rate.scope().label(), rate.subject(), rate.metric().label(),
                level.label(), rate.value(), threshold, rate.counted(), rate.sent(), thresholds.window().toString(),
                now.toString()));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO reputation_alert (alert_id, scope, subject, metric, "
                + "level, rate, threshold, sent, counted, raised_at, open_key, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, alertId);
            s.setString(2, rate.scope().label());
            s.setString(3, cut(rate.subject(), 255));
            s.setString(4, rate.metric().label());
            s.setString(5, level.label());
            s.setDouble(6, rate.value());
            s.setDouble(7, threshold);
            s.setInt(8, rate.sent());
            s.setInt(9, rate.counted());
            s.setObject(10, now.atOffset(ZoneOffset.UTC));
            s.setString(11, key);
            s.setString(12, payload);
            s.executeUpdate();
        } catch (SQLException e) {
            // 23xxx, integrity constraint violation (SQL:2016; H2 and PostgreSQL both): another instance raised this
            // alert between our read of the open alerts and this insert. It is raised once, by that instance.
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    private static void clear(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE reputation_alert SET cleared_at = ?, open_key = NULL WHERE open_key = ?")) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    private static Map<String, Open> openByKey(Connection c) throws SQLException {
        Map<String, Open> open = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT open_key, scope, subject, metric, level, rate, "
                + "threshold, counted, sent, raised_at FROM reputation_alert WHERE open_key IS NOT NULL");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                open.put(r.getString(1), new Open(r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getDouble(6), r.getDouble(7), r.getInt(8), r.getInt(9),
                        r.getObject(10, OffsetDateTime.class).toInstant().toString()));
            }
        }
        return open;
    }

    /** One open alert per scope, subject, metric and level: the unique key of the open row. */
    private static String key(Rate rate, Level level) {
        return cut(rate.scope().label() + "/" + rate.metric().label() + "/" + level.label() + "/" + rate.subject(),
                300);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String json(AlertEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and numbers always serialises: " + e, e);
        }
    }
}

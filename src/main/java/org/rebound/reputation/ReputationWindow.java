package org.rebound.reputation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rebound.classify.BounceType;
import org.rebound.classify.Reason;
import org.rebound.correlate.SentMessageTable;
import org.rebound.provider.ReceivingProviders;

/**
 * The bounce and complaint rates over the sliding window, per campaign and per receiving provider, read from the
 * database every instance shares: the numerators from the bounces recorded in the window, the denominators from the
 * sending system's table, the messages sent in the window.
 *
 * <p>A provider's messages sent are counted by their recipients' domains: a domain of the providers' table counts
 * for its provider, and so does a domain whose bounces in the window a provider's host reported (a company whose
 * mail Microsoft hosts), so that the numerator and the denominator speak of the same recipients.
 */
final class ReputationWindow {

    private static final String HARD = BounceType.HARD.label();
    private static final String COMPLAINT = Reason.FEEDBACK.label();

    private final SentMessageTable sent;
    private final ReceivingProviders providers;

    ReputationWindow(SentMessageTable sent, ReceivingProviders providers) {
        this.sent = sent;
        this.providers = providers;
    }

    /** Every rate of the window that ends now. */
    List<Rate> rates(Connection c, Instant since) throws SQLException {
        List<Rate> rates = new ArrayList<>();
        rates.addAll(campaigns(c, since));
        rates.addAll(providers(c, since));
        return rates;
    }

    private List<Rate> campaigns(Connection c, Instant since) throws SQLException {
        Map<String, int[]> counted = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, "
                + "SUM(CASE WHEN bounce_type = ? THEN 1 ELSE 0 END), SUM(CASE WHEN reason = ? THEN 1 ELSE 0 END) "
                + "FROM bounce_event WHERE received_at >= ? AND delivery_id <> '' GROUP BY delivery_id")) {
            s.setString(1, HARD);
            s.setString(2, COMPLAINT);
            s.setObject(3, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counted.put(r.getString(1), new int[] {r.getInt(2), r.getInt(3)});
                }
            }
        }
        List<Rate> rates = new ArrayList<>();
        if (counted.isEmpty()) {
            return rates;
        }
        List<String> campaigns = new ArrayList<>(counted.keySet());
        Map<String, Integer> sentCounts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + sent.deliveryIdColumn() + ", COUNT(*) FROM "
                + sent.table() + " WHERE " + sent.sentAtColumn() + " >= ? AND " + sent.deliveryIdColumn() + " IN ("
                + String.join(", ", Collections.nCopies(campaigns.size(), "?")) + ") GROUP BY "
                + sent.deliveryIdColumn())) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            for (int i = 0; i < campaigns.size(); i++) {
                s.setString(i + 2, campaigns.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sentCounts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        for (String campaign : campaigns) {
            int n = sentCounts.getOrDefault(campaign, 0);
            rates.add(new Rate(Scope.CAMPAIGN, campaign, Metric.BOUNCE, counted.get(campaign)[0], n));
            rates.add(new Rate(Scope.CAMPAIGN, campaign, Metric.COMPLAINT, counted.get(campaign)[1], n));
        }
        return rates;
    }

    private List<Rate> providers(Connection c, Instant since) throws SQLException {
        Map<String, int[]> counted = new HashMap<>();
        Map<String, String> hostedDomains = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT provider, LOWER(SUBSTRING(recipient, "
                + "POSITION('@' IN recipient) + 1)), SUM(CASE WHEN bounce_type = ? THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN reason = ? THEN 1 ELSE 0 END) FROM bounce_event WHERE received_at >= ? "
                + "GROUP BY provider, LOWER(SUBSTRING(recipient, POSITION('@' IN recipient) + 1))")) {
            s.setString(1, HARD);
            s.setString(2, COMPLAINT);
            s.setObject(3, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int[] n = counted.computeIfAbsent(r.getString(1), p -> new int[2]);
                    n[0] += r.getInt(3);
                    n[1] += r.getInt(4);
                    hostedDomains.putIfAbsent(r.getString(2), r.getString(1));
                }
            }
        }
        Map<String, Integer> sentCounts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT LOWER(SUBSTRING(" + sent.recipientColumn()
                + ", POSITION('@' IN " + sent.recipientColumn() + ") + 1)), COUNT(*) FROM " + sent.table()
                + " WHERE " + sent.sentAtColumn() + " >= ? GROUP BY LOWER(SUBSTRING(" + sent.recipientColumn()
                + ", POSITION('@' IN " + sent.recipientColumn() + ") + 1))")) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String domain = r.getString(1);
                    String listed = providers.ofDomain(domain);
                    String provider = listed.equals(ReceivingProviders.OTHER)
                            ? hostedDomains.getOrDefault(domain, listed) : listed;
                    sentCounts.merge(provider, r.getInt(2), Integer::sum);
                }
            }
        }
        List<Rate> rates = new ArrayList<>();
        for (String provider : providers.names()) {
            int[] n = counted.getOrDefault(provider, new int[2]);
            int sentCount = sentCounts.getOrDefault(provider, 0);
            rates.add(new Rate(Scope.PROVIDER, provider, Metric.BOUNCE, n[0], sentCount));
            rates.add(new Rate(Scope.PROVIDER, provider, Metric.COMPLAINT, n[1], sentCount));
        }
        return rates;
    }
}

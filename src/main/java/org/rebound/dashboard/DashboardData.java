package org.rebound.dashboard;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.events.Outbox;
import org.rebound.metrics.PipelineMeters;
import org.rebound.report.BounceReports;
import org.rebound.report.BounceReports.Dimension;
import org.rebound.reputation.Metric;
import org.rebound.reputation.Rate;
import org.rebound.reputation.ReputationAlerts;
import org.rebound.reputation.Scope;

/**
 * What the dashboard shows, in one JSON document (GET /api/dashboard): the bounces of the last day over time by type,
 * by reason and by provider; the campaigns of the reputation window with their rates and open alerts; the
 * mailboxes' backlog, the outbox's lag and the dead letters. Everything but the backlog (this process's mailboxes)
 * is read from the shared database or folder.
 */
public final class DashboardData {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration BUCKET = Duration.ofHours(1);
    private static final int TOP_PROVIDERS = 10;

    private final BounceReports reports;
    private final ReputationAlerts reputation;
    private final Outbox outbox;
    private final DeadLetterFolder deadLetters;
    private final PipelineMeters meters;
    private final List<String> mailboxes;
    private final Clock clock;

    public DashboardData(BounceReports reports, ReputationAlerts reputation, Outbox outbox,
                         DeadLetterFolder deadLetters, PipelineMeters meters, List<String> mailboxes, Clock clock) {
        this.reports = reports;
        this.reputation = reputation;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.mailboxes = List.copyOf(mailboxes);
        this.clock = clock;
    }

    /** The dashboard's document. */
    public record Dashboard(String generatedAt, BounceReports.Timeline eventsOverTime, Map<String, Integer> byType,
                            Map<String, Integer> byReason, Map<String, Integer> topProviders,
                            List<Campaign> campaigns, Pipeline pipeline, List<DeadLetterFolder.Entry> latestDeadLetters,
                            AlertThresholds thresholds) {
    }

    /** A campaign of the reputation window: its rates, and its open alerts ("critical bounce", ...). */
    public record Campaign(String deliveryId, int sent, int hardBounces, int complaints, double bounceRate,
                           double complaintRate, List<String> alerts) {
    }

    /** Backlog, lag and dead letters. */
    public record Pipeline(Map<String, Long> mailboxBacklog, int outboxUnsent, long outboxLagSeconds,
                           int deadLetters) {
    }

    /** The thresholds the alerts apply, as fractions, and the window, so the page can colour the rates. */
    public record AlertThresholds(String window, double bounceWarning, double bounceCritical, double complaintWarning,
                             double complaintCritical) {
    }

    public Dashboard read() throws SQLException, IOException {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(DAY);
        Map<String, Integer> providers = new LinkedHashMap<>();
        reports.countBy(Dimension.PROVIDER, dayAgo).entrySet().stream().limit(TOP_PROVIDERS)
                .forEach(e -> providers.put(e.getKey(), e.getValue()));
        Map<String, Long> backlog = new TreeMap<>();
        mailboxes.forEach(m -> backlog.put(m, meters.backlog(m)));
        Outbox.Backlog unsent = outbox.backlog();
        var t = reputation.thresholds();
        return new Dashboard(now.toString(), reports.overTime(dayAgo, now, BUCKET),
                reports.countBy(Dimension.TYPE, dayAgo), reports.countBy(Dimension.REASON, dayAgo), providers,
                campaigns(), new Pipeline(backlog, unsent.unsent(), unsent.oldestAge().toSeconds(), deadLetters.count()),
                deadLetters.recent(10), new AlertThresholds(t.window().toString(), t.bounceWarning(), t.bounceCritical(),
                        t.complaintWarning(), t.complaintCritical()));
    }

    private List<Campaign> campaigns() throws SQLException {
        Map<String, int[]> counts = new TreeMap<>();
        for (Rate r : reputation.rates()) {
            if (r.scope() == Scope.CAMPAIGN) {
                int[] c = counts.computeIfAbsent(r.subject(), s -> new int[3]);
                c[0] = r.sent();
                c[r.metric() == Metric.BOUNCE ? 1 : 2] = r.counted();
            }
        }
        Map<String, List<String>> alerts = new TreeMap<>();
        for (ReputationAlerts.Open a : reputation.open()) {
            if (a.scope().equals(Scope.CAMPAIGN.label())) {
                alerts.computeIfAbsent(a.subject(), s -> new ArrayList<>()).add(a.level() + " " + a.metric());
            }
        }
        List<Campaign> campaigns = new ArrayList<>();
        counts.forEach((id, c) -> campaigns.add(new Campaign(id, c[0], c[1], c[2], c[0] == 0 ? 0 : (double) c[1] / c[0],
                c[0] == 0 ? 0 : (double) c[2] / c[0], alerts.getOrDefault(id, List.of()).stream().sorted().toList())));
        return campaigns;
    }
}

package org.rebound.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.rebound.reputation.Level;
import org.rebound.reputation.Metric;
import org.rebound.reputation.Rate;
import org.rebound.reputation.ReputationAlerts;
import org.rebound.reputation.Scope;

/**
 * The reputation rates as gauges, set by each check (routes/reputation-alerts.camel.yaml) from the shared database.
 * A provider's rate has its own series; a campaign's does not (its id would be a label without bound): the gauges
 * give the worst campaign's rate and how many alerts are open, and the API and the dashboard name the campaigns.
 */
public final class ReputationGauges {

    private final MultiGauge providerRates;
    private final MultiGauge worstCampaign;
    private final MultiGauge openAlerts;
    private final int minSent;

    /** @param minSent campaigns with fewer messages sent in the window have no rate (rebound.reputation.min-sent) */
    public ReputationGauges(MeterRegistry registry, int minSent) {
        this.minSent = minSent;
        providerRates = MultiGauge.builder("rebound.reputation.rate")
                .description("Hard bounces, or complaints, per message sent to a receiving provider in the window")
                .register(registry);
        worstCampaign = MultiGauge.builder("rebound.reputation.campaign.rate.max")
                .description("The highest campaign rate in the window (campaigns below rebound.reputation.min-sent "
                        + "messages left out)")
                .register(registry);
        openAlerts = MultiGauge.builder("rebound.reputation.alerts.open")
                .description("Reputation alerts open: the rate is over the threshold").register(registry);
    }

    /** The rates and open alerts of the latest check. */
    public void update(ReputationAlerts.Check check) {
        List<MultiGauge.Row<?>> providers = new ArrayList<>();
        Map<String, Double> worst = new TreeMap<>();
        for (Metric m : Metric.values()) {
            worst.put(m.label(), 0.0);
        }
        for (Rate r : check.rates()) {
            if (r.scope() == Scope.PROVIDER) {
                providers.add(MultiGauge.Row.of(Tags.of("provider", r.subject(), "metric", r.metric().label()),
                        r.value()));
            } else if (r.sent() >= minSent) {
                worst.merge(r.metric().label(), r.value(), Math::max);
            }
        }
        providerRates.register(providers, true);
        worstCampaign.register(worst.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("metric", e.getKey()), e.getValue())).toList(), true);
        Map<Tags, Integer> open = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Scope s : Scope.values()) {
            for (Metric m : Metric.values()) {
                for (Level l : Level.values()) {
                    open.put(Tags.of("scope", s.label(), "metric", m.label(), "level", l.label()), 0);
                }
            }
        }
        for (ReputationAlerts.Open a : check.open()) {
            open.merge(Tags.of("scope", a.scope(), "metric", a.metric(), "level", a.level()), 1, Integer::sum);
        }
        openAlerts.register(open.entrySet().stream().map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()))
                .toList(), true);
    }
}

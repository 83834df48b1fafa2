package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.correlate.SentMessageTable;
import org.rebound.events.EventSubscriber;
import org.rebound.reputation.ReputationAlerts;

/**
 * With the default thresholds, the demo's campaigns (every message of which bounced or complained) put the
 * sender's reputation at risk: an alert event is published on the alert topic, once, and the rates are gauges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReputationAlertIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoRun demo;
    private EventSubscriber alerts;

    @BeforeAll
    void drainTheDemoThenCheck() throws Exception {
        demo = DemoRun.drained(TestDatabase.h2(), s -> s
                .with("camel.main.auto-startup-exclude-pattern", "check-reputation")
                .with("rebound.reputation.check-period", "200"));
        alerts = EventSubscriber.subscribe(demo.rebound.server.jmsConnectionFactory(),
                demo.rebound.settings.text("rebound.reputation.alert-topic"));
        demo.rebound.server.camelContext().getRouteController().startRoute("check-reputation");
        RunningRebound.await("a published campaign bounce alert", Duration.ofSeconds(30),
                () -> campaignAlerts("bounce").size() > 0 && demo.rebound.count(
                        "SELECT COUNT(*) FROM reputation_alert WHERE published_at IS NULL") == 0);
    }

    @AfterAll
    void stop() throws Exception {
        try (EventSubscriber a = alerts) {
            demo.close();
        }
    }

    @Test
    void aDemoCampaignOverTheBounceThresholdRaisesAnAlertEvent() {
        JsonNode alert = campaignAlerts("bounce").get(0);
        assertTrue(alert.get("subject").asText().startsWith("demo-delivery-"), alert.toString());
        assertTrue(alert.get("rate").asDouble() >= alert.get("threshold").asDouble(), alert.toString());
    }

    @Test
    void aDemoCampaignOverTheComplaintThresholdRaisesAnAlertEvent() {
        assertTrue(campaignAlerts("complaint").size() > 0, alerts.received().toString());
    }

    @Test
    void eachAlertIsRaisedOnceThoughSeveralInstancesCheck() throws Exception {
        int raised = demo.rebound.count("SELECT COUNT(*) FROM reputation_alert");
        ReputationAlerts bean = demo.rebound.server.camelContext().getRegistry()
                .lookupByNameAndType("reputationAlerts", ReputationAlerts.class);
        bean.check();
        bean.check();
        // A second instance on the same database (its own object, another name for its claims).
        ReputationAlerts other = new ReputationAlerts(demo.rebound.server.dataSource(), Clock.systemUTC(),
                ReboundServer.thresholds(demo.rebound.settings),
                SentMessageTable.DEFAULTS,
                ReboundServer.receivingProviders(demo.rebound.settings), "another-instance", Duration.ofSeconds(10));
        other.check();
        assertEquals(raised, demo.rebound.count("SELECT COUNT(*) FROM reputation_alert"));
        assertEquals(List.of(), other.claim(100));
    }

    @Test
    void eachRaisedAlertIsPublishedOnce() throws Exception {
        Thread.sleep(1000); // several more checks run meanwhile (check-period 200 ms)
        assertEquals(demo.rebound.count("SELECT COUNT(*) FROM reputation_alert"), alerts.count());
    }

    @Test
    void theWorstCampaignsRateIsAGauge() throws Exception {
        ScrapedMetrics metrics = ScrapedMetrics.scrape(demo.management("/observe/metrics"));
        double worst = metrics.samples().stream()
                .filter(s -> s.name().equals("rebound_reputation_campaign_rate_max")
                        && "bounce".equals(s.labels().get("metric")))
                .mapToDouble(ScrapedMetrics.Sample::value).max().orElse(0);
        assertTrue(worst >= 0.05, "worst campaign bounce rate " + worst);
    }

    private List<JsonNode> campaignAlerts(String metric) {
        return alerts.received().stream().map(ReputationAlertIT::parse)
                .filter(a -> a.get("scope").asText().equals("campaign") && a.get("metric").asText().equals(metric))
                .toList();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** After the demo's mailbox drains, /observe/metrics (read over HTTP) tells what the demo's summary tells. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMetricsIT {

    private DemoRun demo;
    private ScrapedMetrics metrics;

    @BeforeAll
    void drainTheDemoAndScrape() throws Exception {
        demo = DemoRun.drained(TestDatabase.h2(), s -> s);
        metrics = ScrapedMetrics.scrape(demo.management("/observe/metrics"));
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    @Test
    void bounceCountersEqualTheSummaryByReasonAndType() {
        Map<String, Integer> counted = metrics.sum("rebound_bounce_events_total",
                l -> l.get("reason") + " (" + l.get("type") + ")");
        assertEquals(new TreeMap<>(demo.summary.byReasonAndType()), counted);
    }

    @Test
    void bounceCountersAddUpToTheEventsStored() {
        assertEquals(demo.summary.bounceEvents(), (int) metrics.value("rebound_bounce_events_total"));
    }

    @Test
    void fetchedAndDeadLetteredEqualTheSummary() {
        assertEquals(demo.summary.messagesRead(), (int) metrics.value("rebound_messages_fetched_total"));
        assertEquals(demo.summary.deadLettered(), (int) metrics.value("rebound_messages_dead_lettered_total"));
    }

    @Test
    void everyBounceEventIsCountedByItsCorrelationKey() {
        Map<String, Integer> byKey = metrics.sum("rebound_correlations_total", l -> l.get("key"));
        assertEquals(demo.summary.correlated(), byKey.entrySet().stream().filter(e -> !e.getKey().equals("none"))
                .mapToInt(Map.Entry::getValue).sum(), byKey.toString());
    }

    @Test
    void bouncesAreCountedByReceivingProvider() {
        Map<String, Integer> byProvider = metrics.sum("rebound_bounce_events_total", l -> l.get("provider"));
        // The demo's bounces include Orange's and Microsoft-hosted recipients (rules/providers/providers.yaml).
        assertTrue(byProvider.containsKey("orange") && byProvider.containsKey("microsoft"), byProvider.toString());
    }

    @Test
    void camelsRouteMetricsAreServedBeside() {
        assertTrue(metrics.samples().stream().anyMatch(s -> s.name().startsWith("camel_exchanges")
                && "record-window".equals(s.labels().get("routeId"))), "no camel_exchanges_* for record-window");
    }

    @Test
    void theOutboxIsEmptyOnceEveryEventIsPublished() {
        assertEquals(0.0, metrics.value("rebound_outbox_unsent"));
    }

    @Test
    void theWindowDurationIsAHistogram() {
        assertTrue(metrics.value("rebound_window_duration_seconds_count") >= 1);
        assertTrue(metrics.samples().stream().anyMatch(s -> s.name().equals("rebound_window_duration_seconds_bucket")));
    }

    @Test
    void noLabelHoldsAnAddressOrACampaign() {
        assertFalse(metrics.samples().stream().flatMap(s -> s.labels().values().stream())
                .anyMatch(v -> v.contains("@") || v.startsWith("demo-delivery")), "a label names an address or campaign");
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.correlate.SentMessageTable;
import org.rebound.report.BounceBreakdown;
import org.rebound.report.BounceReports;

/** The report command's breakdowns over the demo's drained mailbox (on the real PostgreSQL: portable SQL). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceReportsIT {

    private DemoRun demo;
    private BounceReports reports;

    @BeforeAll
    void drainTheDemo() throws Exception {
        demo = DemoRun.drained(TestDatabase.postgres("bounce_reports_it"), s -> s);
        reports = new BounceReports(demo.rebound.server.dataSource(), SentMessageTable.DEFAULTS);
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    @Test
    void todaysReportCountsEveryBounceOfTheDemo() throws Exception {
        assertEquals(demo.summary.bounceEvents(), reports.day(LocalDate.now(ZoneOffset.UTC)).bounces());
    }

    @Test
    void aDaysReportCountsTheMessagesSentThatDay() throws Exception {
        // The demo logs its messages as sent two hours ago: yesterday, shortly after midnight.
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        int sentThatDay = demo.rebound.count("SELECT COUNT(*) FROM sent_message WHERE sent_at >= TIMESTAMP WITH "
                + "TIME ZONE '" + day + " 00:00:00+00'");
        assertEquals(sentThatDay, reports.day(day).sent());
    }

    @Test
    void theCampaignsReportsAddUpToTheDays() throws Exception {
        int sum = 0;
        for (int i = 1; i <= 3; i++) {
            sum += reports.campaign("demo-delivery-" + i).bounces();
        }
        assertEquals(demo.summary.bounceEvents(), sum);
    }

    @Test
    void theRowsOfAReportAddUpToItsBounces() throws Exception {
        BounceBreakdown b = reports.campaign("demo-delivery-2");
        assertEquals(b.bounces(), b.rows().stream().mapToInt(BounceBreakdown.Row::count).sum());
    }

    @Test
    void aDayWithoutBouncesIsAnEmptyReport() throws Exception {
        assertEquals(0, reports.day(LocalDate.of(2001, 1, 1)).bounces());
    }
}

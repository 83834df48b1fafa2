package org.rebound.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.rebound.report.BounceReports;
import org.rebound.report.BounceReports.Dimension;

/** The bounce statistics' MBean, on the reports' counts. */
final class BounceStatistics implements BounceStatisticsMXBean {

    private static final Duration LAST_DAY = Duration.ofDays(1);

    private final BounceReports reports;
    private final Clock clock;

    BounceStatistics(BounceReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> getLastDayByType() throws Exception {
        return lastDay(Dimension.TYPE);
    }

    @Override
    public Map<String, Integer> getLastDayByReason() throws Exception {
        return lastDay(Dimension.REASON);
    }

    @Override
    public Map<String, Integer> getLastDayByProvider() throws Exception {
        return lastDay(Dimension.PROVIDER);
    }

    @Override
    public Map<String, Integer> getLastDayByFault() throws Exception {
        return lastDay(Dimension.FAULT);
    }

    private Map<String, Integer> lastDay(Dimension d) throws Exception {
        return reports.countBy(d, clock.instant().minus(LAST_DAY));
    }
}

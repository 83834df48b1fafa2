package org.rebound.console;

import java.util.Map;

/** The bounces recorded in the last 24 hours, over JMX (org.rebound:type=BounceStatistics), from the database. */
public interface BounceStatisticsMXBean {

    Map<String, Integer> getLastDayByType() throws Exception;

    Map<String, Integer> getLastDayByReason() throws Exception;

    Map<String, Integer> getLastDayByProvider() throws Exception;

    Map<String, Integer> getLastDayByFault() throws Exception;
}

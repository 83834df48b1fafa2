package org.rebound.app;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;

import org.rebound.events.EventSubscriber;

/** What a drain of the mailbox did, read from the database and the events topic, as the demo prints it. */
record PipelineSummary(boolean drained, int messagesRead, int bounceEvents, int correlated, int deadLettered,
                       int kept, int eventsPublished, Map<String, Integer> byReasonAndType) {

    /**
     * Waits until every delivered message has been dealt with (recorded, dead-lettered or kept), the mailbox holds
     * only the kept ones, and every stored event has reached the topic; or until the timeout passes.
     */
    static PipelineSummary awaitDrained(ReboundServer server, DemoMailbox mailbox, EventSubscriber events,
                                        int delivered, Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            PipelineSummary now = read(server.dataSource(), events, false);
            boolean done = now.messagesRead >= delivered && now.eventsPublished >= now.bounceEvents
                    && mailbox.messageCount() == now.kept;
            if (done || Instant.now().isAfter(deadline)) {
                return read(server.dataSource(), events, done);
            }
            Thread.sleep(100);
        }
    }

    static PipelineSummary read(DataSource dataSource, EventSubscriber events, boolean drained) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Map<String, Integer> outcomes = counts(s,
                    "SELECT outcome, COUNT(*) FROM received_message GROUP BY outcome");
            Map<String, Integer> byReason = counts(s, "SELECT reason || ' (' || bounce_type || ')', COUNT(*) "
                    + "FROM bounce_event GROUP BY reason, bounce_type ORDER BY COUNT(*) DESC, reason");
            int stored = single(s, "SELECT COUNT(*) FROM bounce_event");
            int correlated = single(s, "SELECT COUNT(*) FROM bounce_event WHERE correlation_key <> 'none'");
            int read = outcomes.values().stream().mapToInt(Integer::intValue).sum();
            return new PipelineSummary(drained, read, stored, correlated, outcomes.getOrDefault("DEAD_LETTERED", 0),
                    outcomes.getOrDefault("KEPT", 0), events.count(), byReason);
        }
    }

    /** Each route's exchanges and mean processing time, as JMX shows them. */
    static void printRoutes(PrintStream out, CamelContext camel) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed == null) {
            return;
        }
        out.println("  per route (exchanges, mean ms):");
        for (Route route : camel.getRoutes()) {
            ManagedRouteMBean mbean = managed.getManagedRoute(route.getRouteId());
            if (mbean != null) {
                out.printf("    %-40s %8d %8d%n", route.getRouteId(), mbean.getExchangesTotal(),
                        mbean.getMeanProcessingTime());
            }
        }
    }

    void print(PrintStream out, int sentMessagesLogged, Duration took) {
        out.println();
        out.println("Rebound demo: " + (drained ? "mailbox drained" : "NOT drained before the timeout"));
        row(out, "sent messages logged (the sender's side)", sentMessagesLogged);
        row(out, "messages fetched from the mailbox", messagesRead);
        row(out, "bounce events stored", bounceEvents);
        row(out, "  correlated with a sent message", correlated);
        row(out, "messages dead-lettered", deadLettered);
        row(out, "not bounces, kept in the mailbox", kept);
        row(out, "events published on the topic", eventsPublished);
        out.println("  per reason (type):");
        byReasonAndType.forEach((reason, n) -> row(out, "    " + reason, n));
        out.printf("%-44s %8.2f s%n", "time taken", took.toMillis() / 1000.0);
    }

    private static void row(PrintStream out, String label, int n) {
        out.printf("%-44s %8d%n", label, n);
    }

    private static Map<String, Integer> counts(Statement s, String sql) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

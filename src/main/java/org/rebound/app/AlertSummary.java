package org.rebound.app;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rebound.events.EventSubscriber;

/** The reputation alerts a drain raised, as received on the alert topic, for the demo's summary. */
record AlertSummary(List<String> received) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Waits until the alert checks have seen the drained mailbox (a check that raises nothing new, after at least one
     * alert) and every raised alert has reached the topic; or until the timeout passes.
     */
    static AlertSummary awaitPublished(DataSource db, EventSubscriber alerts, Duration timeout)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            int raised = count(db, "SELECT COUNT(*) FROM reputation_alert");
            if (raised > 0 && count(db, "SELECT COUNT(*) FROM reputation_alert WHERE published_at IS NULL") == 0
                    && alerts.count() >= raised) {
                break;
            }
            Thread.sleep(100);
        }
        return new AlertSummary(alerts.received());
    }

    void print(PrintStream out) {
        out.printf("%-44s %8d%n", "reputation alerts on the alert topic", received.size());
        for (String text : received) {
            try {
                JsonNode a = JSON.readTree(text);
                out.printf(Locale.ROOT, "    %-8s %-9s %-24s %-9s %6.1f %% (threshold %.1f %%, %d of %d sent)%n",
                        a.path("level").asText(), a.path("scope").asText(), a.path("subject").asText(),
                        a.path("metric").asText(), a.path("rate").asDouble() * 100,
                        a.path("threshold").asDouble() * 100, a.path("counted").asInt(), a.path("sent").asInt());
            } catch (Exception e) {
                out.println("    " + text);
            }
        }
    }

    private static int count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}

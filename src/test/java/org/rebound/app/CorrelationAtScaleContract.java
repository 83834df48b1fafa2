package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;

/**
 * A full mailbox of 10,000 bounces whose originals are all in sent_message, drained by the real pipeline. Every
 * tenth keeps no Message-ID but came back to a VERP address, and every tenth keeps no Message-ID but carries the
 * campaign header: 20 % as Lotus Domino returns them. All must correlate, with few lookup queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CorrelationAtScaleContract {

    static final int BOUNCES = 10_000;

    private RunningRebound rebound;

    abstract TestDatabase database() throws SQLException;

    @BeforeAll
    void drainAFullMailbox() throws Exception {
        // The mailbox fills up before Rebound fetches from it: a full mailbox drains.
        rebound = RunningRebound.start(database(),
                settings -> settings.with("camel.main.auto-startup-exclude-pattern", "fetch-bounces"));
        logAllSent();
        for (int i = 0; i < BOUNCES; i++) {
            rebound.mailbox.deliver(bounce(i));
        }
        rebound.server.camelContext().getRouteController().startRoute("fetch-bounces");
        RunningRebound.await("every bounce stored and published", Duration.ofMinutes(5),
                () -> rebound.subscriber.count() >= BOUNCES && rebound.mailbox.messageCount() == 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (rebound != null) {
            rebound.close();
        }
    }

    /** Bounce i failed for recipient i of message i; the 9th and 10th of each ten keep no Message-ID. */
    private static byte[] bounce(int i) {
        List<Failure> failure = List.of(new Failure(recipient(i), "5.1.1", "550 5.1.1 User unknown"));
        return switch (i % 10) {
            case 8 -> TestMail.dsn("bounces+" + verpToken(i) + "@bounces.sender.example", "", failure);
            case 9 -> TestMail.dsn("bounces@bounces.sender.example", "X-Campaign-Id: " + delivery(i) + "\r\n",
                    failure);
            default -> TestMail.dsn(messageId(i), failure);
        };
    }

    @Test
    void everyBounceIsCorrelated() {
        assertEquals(BOUNCES, rebound.count("SELECT COUNT(*) FROM bounce_event WHERE correlation_key <> 'none'"));
    }

    @Test
    void everyBounceIsTiedToItsOwnSentMessage() {
        assertEquals(BOUNCES, rebound.count("SELECT COUNT(*) FROM bounce_event e JOIN sent_message s "
                + "ON s.message_id = e.sent_message_id AND s.recipient = e.recipient"));
    }

    @Test
    void bouncesWithoutMessageIdCorrelateByVerpAndCustomHeader() throws SQLException {
        assertEquals(List.of("custom-header 1000", "message-id 8000", "verp 1000"),
                rebound.rows("SELECT correlation_key || ' ' || CAST(COUNT(*) AS VARCHAR(10)) FROM bounce_event "
                        + "GROUP BY correlation_key ORDER BY correlation_key"));
    }

    @Test
    void atMostOneLookupQueryPerHundredBounces() {
        long queries = rebound.server.correlationQueries();
        System.out.printf("correlation: %d lookup queries for %d bounces%n", queries, BOUNCES);
        assertTrue(queries * 100 <= BOUNCES, queries + " lookup queries for " + BOUNCES + " bounces");
    }

    private void logAllSent() throws SQLException {
        try (Connection c = rebound.server.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sent_message (message_id, recipient, delivery_id, sent_at, verp_token) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
            OffsetDateTime sentAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);
            for (int i = 0; i < BOUNCES; i++) {
                s.setString(1, messageId(i));
                s.setString(2, recipient(i));
                s.setString(3, delivery(i));
                s.setObject(4, sentAt);
                s.setString(5, verpToken(i));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String messageId(int i) {
        return "msg-" + i + "@sender.example";
    }

    private static String recipient(int i) {
        return "r" + i + "@recipient.example";
    }

    private static String delivery(int i) {
        return "campaign-" + (i % 7);
    }

    private static String verpToken(int i) {
        return "t" + Integer.toString(i, 36);
    }
}

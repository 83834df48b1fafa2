package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's "Sending events elsewhere" example: Rebound with the shipped routes, except that the publishing
 * route's `to:` is changed to an HTTP webhook (and its JMS-only `transacted` step removed), exactly as the README
 * shows, posting to a real HTTP server on loopback. Events reach the webhook with their id, are marked sent only
 * once it answered 2xx, and stay in the outbox, retried, while it answers 5xx or cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEventsIT {

    /** The shipped route's endpoint, which the README tells the user to replace (the route's steps are at 14). */
    static final String SHIPPED_TO = """
            - to:
                uri: "jms:topic:{{rebound.jms.topic}}"
                parameters:
                  jmsMessageType: Text
            """.indent(14);
    /** The README's webhook endpoint, its URL aside (https://hooks.example.com/rebound/events there). */
    static final String WEBHOOK_TO = """
            - setHeader:
                name: Content-Type
                constant: application/json
            - to:
                uri: "%s"
                parameters:
                  httpMethod: POST
            """.indent(14);
    /** The shipped route's transaction step, for JMS only, which the README tells to remove. */
    static final String SHIPPED_TRANSACTED = """
            - transacted:
                ref: brokerTransaction
            """.indent(8);

    private final ConcurrentLinkedQueue<Request> received = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private HttpServer webhook;
    private int port;
    private RunningRebound rebound;

    /** What the webhook received: the eventId header, the content type and the body. */
    record Request(String eventId, String contentType, String body) {
    }

    @BeforeAll
    void start() throws Exception {
        webhook = startWebhook(0);
        port = webhook.getAddress().getPort();
        Path routes = routesWithTheWebhook("http://127.0.0.1:" + port + "/events");
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s
                .with("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml"));
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable r = rebound) {
            webhook.stop(0);
        }
    }

    @Test
    void eventsReachTheWebhookAndAreMarkedSentOnlyAfterItAnswered2xx() throws Exception {
        hold = new CountDownLatch(1);
        addEvent("held-1");

        RunningRebound.await("the webhook to receive held-1", Duration.ofSeconds(30), () -> receivedIds().contains("held-1"));
        assertEquals(1, unsent("held-1"), "marked sent while the webhook had not answered");
        hold.countDown();

        RunningRebound.await("held-1 to be marked sent", Duration.ofSeconds(30), () -> unsent("held-1") == 0);
        Request request = received.stream().filter(r -> r.eventId().equals("held-1")).findFirst().orElseThrow();
        assertEquals("application/json", request.contentType());
        assertEquals(payload("held-1"), request.body());
    }

    @Test
    void eventsStayUnsentAndAreRetriedWhileTheWebhookAnswers5xxAndTheBatchStopsAtTheFirstRefusal() throws Exception {
        status = 503;
        try {
            addEvent("refused-1");
            addEvent("refused-2");

            RunningRebound.await("three attempts at refused-1", Duration.ofSeconds(30),
                    () -> receivedIds().stream().filter("refused-1"::equals).count() >= 3);
            assertEquals(1, unsent("refused-1"));
            assertEquals(1, unsent("refused-2"));
            assertFalse(receivedIds().contains("refused-2"), "the batch went on after its first event was refused");
            long before = received.size();
            Thread.sleep(1_000);
            // rebound.outbox.poll-period is 200 ms: at most 6 passes a second, however fast the refusal comes.
            assertTrue(received.size() - before <= 6, (received.size() - before) + " attempts in a second");
        } finally {
            status = 200;
        }
        RunningRebound.await("the refused events to be marked sent once the webhook takes them",
                Duration.ofSeconds(30), () -> unsent("refused-1") == 0 && unsent("refused-2") == 0);
    }

    @Test
    void eventsStayUnsentWhileTheWebhookCannotBeReachedAndGoOnceItIsBack() throws Exception {
        webhook.stop(0);
        addEvent("unreachable-1");
        Thread.sleep(1_500); // several passes (rebound.outbox.poll-period, 200 ms) against a closed port

        assertEquals(1, unsent("unreachable-1"));
        webhook = startWebhook(port);
        RunningRebound.await("unreachable-1 to be marked sent once the webhook is back", Duration.ofSeconds(30),
                () -> unsent("unreachable-1") == 0);
        assertTrue(receivedIds().contains("unreachable-1"));
    }

    /** The shipped routes in a folder of their own, the publishing route changed as the README says. */
    private static Path routesWithTheWebhook(String url) throws IOException {
        Path dir = Files.createTempDirectory("webhook-routes");
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Path publishing = dir.resolve("publish-events.camel.yaml");
        String route = Files.readString(publishing);
        assertTrue(route.contains(SHIPPED_TO) && route.contains(SHIPPED_TRANSACTED),
                "the shipped route no longer has the `to:` and `transacted:` the README tells to change");
        Files.writeString(publishing, route.replace(SHIPPED_TO, WEBHOOK_TO.formatted(url))
                .replace(SHIPPED_TRANSACTED, ""));
        return dir;
    }

    private HttpServer startWebhook(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/events", this::answer);
        server.start();
        return server;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Request(String.valueOf(exchange.getRequestHeaders().getFirst("eventId")),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), body));
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private List<String> receivedIds() {
        return received.stream().map(Request::eventId).toList();
    }

    private static String payload(String eventId) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + eventId + "\"}";
    }

    /** An event in the outbox, as the store adds it with its bounce. */
    private void addEvent(String eventId) throws SQLException {
        try (Connection c = rebound.server.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_event (event_id, payload, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, eventId);
            s.setString(2, payload(eventId));
            s.setObject(3, OffsetDateTime.now());
            s.executeUpdate();
        }
    }

    private int unsent(String eventId) {
        return rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL AND event_id = '" + eventId + "'");
    }
}

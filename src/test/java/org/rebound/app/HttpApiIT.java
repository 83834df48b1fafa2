package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP API over the demo's drained mailbox: lookups, a release that the history records, reports, dead letters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {

    private static final String LOGIN = OperatorLogin.AUTHORIZATION;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoRun demo;

    @BeforeAll
    void drainTheDemo() throws Exception {
        Path users = OperatorLogin.usersFile();
        demo = DemoRun.drained(TestDatabase.h2(), s -> s
                .with("camel.management.basic-properties-file", users.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    @Test
    void aQuarantinedAddressShowsItsStateHistoryAndBounces() throws Exception {
        String address = quarantined(0);
        JsonNode view = json(get("/api/addresses/" + encode(address)), 200);
        assertEquals("QUARANTINED", view.get("state").asText());
        assertTrue(view.get("history").size() >= 1, view.toString());
        assertTrue(view.get("latestBounces").size() >= 1, view.toString());
    }

    @Test
    void anUnknownAddressIsNotFound() throws Exception {
        json(get("/api/addresses/" + encode("nobody@nowhere.example")), 404);
    }

    @Test
    void aReleaseWithoutALoginIsRefusedAndChangesNothing() throws Exception {
        String address = quarantined(1);
        HttpResponse<String> answer = post("/api/addresses/" + encode(address) + "/release", "{\"reason\":\"x\"}",
                null);
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("QUARANTINED", demo.rebound.rows("SELECT state FROM address WHERE address = '" + address
                + "'").get(0));
    }

    @Test
    void aReleaseWithAWrongPasswordIsRefused() throws Exception {
        String wrong = OperatorLogin.basic("ops", "guess");
        assertEquals(401, post("/api/addresses/" + encode(quarantined(1)) + "/release", "{\"reason\":\"x\"}",
                wrong).statusCode());
    }

    @Test
    void aReleaseIsRecordedInTheAddresssHistoryWithItsReasonAndLogin() throws Exception {
        String address = quarantined(2);
        JsonNode released = json(post("/api/addresses/" + encode(address) + "/release",
                "{\"reason\":\"the recipient called: mailbox fixed\"}", LOGIN), 200);
        assertEquals("VALID", released.get("state").asText());
        JsonNode last = released.get("history").get(released.get("history").size() - 1);
        assertEquals("released-by-operator", last.get("rule").asText());
        assertEquals("the recipient called: mailbox fixed", last.get("note").asText());
        assertEquals("ops", last.get("actor").asText());
        assertEquals("QUARANTINED", last.get("from").asText());
    }

    @Test
    void aReleaseWithoutAReasonIsABadRequest() throws Exception {
        json(post("/api/addresses/" + encode(quarantined(3)) + "/release", "{}", LOGIN), 400);
    }

    @Test
    void aCampaignReportCountsItsBouncesByReasonTypeAndProvider() throws Exception {
        JsonNode report = json(get("/api/campaigns/demo-delivery-1/report"), 200);
        int stored = demo.rebound.count("SELECT COUNT(*) FROM bounce_event WHERE delivery_id = 'demo-delivery-1'");
        int sent = demo.rebound.count("SELECT COUNT(*) FROM sent_message WHERE delivery_id = 'demo-delivery-1'");
        assertEquals(stored, report.get("bounces").asInt());
        assertEquals(sent, report.get("sent").asInt());
        int rows = 0;
        for (JsonNode row : report.get("rows")) {
            rows += row.get("count").asInt();
        }
        assertEquals(stored, rows);
    }

    @Test
    void theRecentDeadLettersAreListed() throws Exception {
        JsonNode list = json(get("/api/dead-letters?limit=5"), 200);
        assertEquals(5, list.size());
        assertTrue(!list.get(0).get("reason").asText().isEmpty(), list.toString());
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        HttpResponse<String> answer = get("/api/openapi.yaml");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("openapi: 3."), answer.body());
    }

    /** The n-th quarantined address of the demo (each test changes its own). */
    private String quarantined(int n) throws Exception {
        return demo.rebound.rows("SELECT address FROM address WHERE address IN (SELECT address FROM address_history "
                + "WHERE rule = 'hard-bounce-quarantines') ORDER BY address").get(n);
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + demo.rebound.settings.text("camel.server.port") + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> answer, int status) throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static String encode(String address) {
        return URLEncoder.encode(address, StandardCharsets.UTF_8);
    }
}

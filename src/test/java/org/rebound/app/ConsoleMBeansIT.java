package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rebound's MBeans over Jolokia (as Hawtio reaches them), behind the login, on the demo's drained mailbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleMBeansIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = OperatorLogin.AUTHORIZATION;

    private DemoRun demo;

    @BeforeAll
    void drainTheDemo() throws Exception {
        Path users = OperatorLogin.usersFile();
        demo = DemoRun.drained(TestDatabase.h2(), s -> s
                .with("camel.management.jolokia-enabled", "true")
                .with("camel.management.authentication-enabled", "true")
                .with("camel.management.basic-properties-file", users.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    @Test
    void theMailboxShowsItsLastPollAndNoBacklogOnceDrained() throws Exception {
        JsonNode mailbox = jolokia(request("read", "org.rebound:type=Mailbox,name=\"default\"")).get("value");
        assertEquals(0, mailbox.get("Backlog").asInt(), mailbox.toString());
        assertTrue(!mailbox.get("LastPoll").asText().isEmpty(), mailbox.toString());
        assertEquals("fetch-bounces", mailbox.get("RouteId").asText());
    }

    @Test
    void pausingTheMailboxSuspendsItsRouteAndResumingStartsItAgain() throws Exception {
        jolokia(operation("org.rebound:type=Mailbox,name=\"default\"", "pause"));
        assertEquals(ServiceStatus.Suspended, routeStatus());
        jolokia(operation("org.rebound:type=Mailbox,name=\"default\"", "resume"));
        assertEquals(ServiceStatus.Started, routeStatus());
    }

    @Test
    void theQuarantineCountsAddressesByState() throws Exception {
        JsonNode counts = jolokia(request("read", "org.rebound:type=Quarantine")).get("value").get("AddressesByState");
        assertTrue(counts.toString().contains("QUARANTINED"), counts.toString());
    }

    @Test
    void releasingAnAddressOverJmxIsRecordedInItsHistory() throws Exception {
        String address = demo.rebound.rows("SELECT address FROM address WHERE state = 'QUARANTINED' ORDER BY address")
                .get(0);
        ObjectNode release = operation("org.rebound:type=Quarantine", "release");
        release.putArray("arguments").add(address).add("bounced by mistake, per the ops ticket");
        assertEquals("VALID", jolokia(release).get("value").asText());
        assertEquals("bounced by mistake, per the ops ticket", demo.rebound.rows("SELECT note FROM address_history "
                + "WHERE address = '" + address + "' AND rule = 'released-by-operator'").get(0));
    }

    @Test
    void relayNowLeavesNothingUnsent() throws Exception {
        assertEquals(0, jolokia(operation("org.rebound:type=Outbox", "relayNow")).get("value").asInt());
    }

    @Test
    void theBounceStatisticsCountTheLastDayByType() throws Exception {
        JsonNode byType = jolokia(request("read", "org.rebound:type=BounceStatistics")).get("value")
                .get("LastDayByType");
        assertTrue(byType.toString().contains("hard"), byType.toString());
    }

    @Test
    void withoutTheLoginJolokiaRefusesTheOperation() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                demo.management("/observe/jolokia")).POST(HttpRequest.BodyPublishers.ofString(
                operation("org.rebound:type=Outbox", "relayNow").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode());
    }

    private ServiceStatus routeStatus() {
        return demo.rebound.server.camelContext().getRouteController().getRouteStatus("fetch-bounces");
    }

    private static ObjectNode request(String type, String mbean) {
        ObjectNode request = JSON.createObjectNode();
        request.put("type", type);
        request.put("mbean", mbean);
        return request;
    }

    private static ObjectNode operation(String mbean, String name) {
        ObjectNode request = request("exec", mbean);
        request.put("operation", name);
        return request;
    }

    private JsonNode jolokia(ObjectNode request) throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(demo.management("/observe/jolokia")).header("Authorization", LOGIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(200, body.path("status").asInt(), answer.body());
        return body;
    }
}

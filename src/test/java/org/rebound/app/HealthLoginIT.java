package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With a login configured, the health endpoint and Jolokia answer only to a user who gives it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthLoginIT {

    private RunningRebound rebound;
    private URI health;

    @BeforeAll
    void startWithALogin() throws Exception {
        Path users = OperatorLogin.usersFile();
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s
                .with("camel.management.authentication-enabled", "true")
                .with("camel.management.jolokia-enabled", "true")
                .with("camel.management.basic-properties-file", users.toString()));
        health = URI.create("http://127.0.0.1:" + rebound.settings.text("camel.management.port") + "/observe/health");
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void withoutALoginTheEndpointRefuses() throws Exception {
        assertEquals(401, get(HttpRequest.newBuilder(health)).statusCode());
    }

    @Test
    void withTheLoginTheEndpointAnswers() throws Exception {
                HttpResponse<String> answer = get(HttpRequest.newBuilder(health).header("Authorization", OperatorLogin.AUTHORIZATION));
        // The health itself (200 UP, or 503 while a check is DOWN), not a refusal.
        assertTrue(answer.body().contains("\"status\""), answer.statusCode() + " " + answer.body());
    }

    @Test
    void withoutALoginJolokiaRefuses() throws Exception {
        URI jolokia = health.resolve("/observe/jolokia/read/java.lang:type=Runtime/Uptime");
        assertEquals(401, get(HttpRequest.newBuilder(jolokia)).statusCode());
    }

    @Test
    void withTheLoginJolokiaReadsAnMBean() throws Exception {
        URI jolokia = health.resolve("/observe/jolokia/read/java.lang:type=Runtime/Uptime");
                HttpResponse<String> answer = get(HttpRequest.newBuilder(jolokia).header("Authorization", OperatorLogin.AUTHORIZATION));
        assertTrue(answer.body().contains("\"status\":200"), answer.statusCode() + " " + answer.body());
    }

    private static HttpResponse<String> get(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With camel.server's login on (required off loopback), the API and the dashboard answer reads only to a user
 * who gives it, and the same login, from the same users file, changes state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBehindLoginIT {

    private RunningRebound rebound;

    @BeforeAll
    void startWithALogin() throws Exception {
        Path users = OperatorLogin.usersFile();
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s
                .with("camel.server.authentication-enabled", "true")
                .with("camel.server.basic-properties-file", users.toString())
                .with("camel.management.basic-properties-file", users.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void withoutALoginTheDashboardsDataIsRefused() throws Exception {
        assertEquals(401, send(HttpRequest.newBuilder(api("/api/dashboard")).GET()).statusCode());
    }

    @Test
    void withTheLoginTheDashboardsDataIsServed() throws Exception {
        assertEquals(200, send(HttpRequest.newBuilder(api("/api/dashboard"))
                .header("Authorization", OperatorLogin.AUTHORIZATION).GET()).statusCode());
    }

    @Test
    void theSameLoginReachesAReleaseThatChecksItAgain() throws Exception {
        // No such address: the release got past both logins (Camel's server's and the API's) to the register.
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api("/api/addresses/nobody%40example.org/release"))
                .header("Authorization", OperatorLogin.AUTHORIZATION).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")));
        assertEquals(404, answer.statusCode(), answer.body());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + rebound.settings.text("camel.server.port") + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

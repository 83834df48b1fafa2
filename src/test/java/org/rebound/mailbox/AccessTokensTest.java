package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rebound.testing.ManualClock;

/** When an access token is asked for again, against a token endpoint on loopback. */
class AccessTokensTest {

    private final AtomicInteger issued = new AtomicInteger();
    private final ManualClock clock = new ManualClock();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFreshTokenIsUsedAgainWithoutAskingTheEndpoint() throws IOException {
        AccessTokens tokens = tokens(200, "{\"access_token\":\"T\",\"expires_in\":3600}");

        tokens.current();
        clock.advance(Duration.ofMinutes(50));
        tokens.current();

        assertEquals(1, issued.get());
    }

    @Test
    void aTokenIsRenewedOnceLessThanATenthOfItsLifetimeIsLeft() throws IOException {
        AccessTokens tokens = tokens(200, "{\"access_token\":\"T\",\"expires_in\":3600}");

        tokens.current();
        clock.advance(Duration.ofMinutes(54));
        tokens.current();

        assertEquals(2, issued.get());
    }

    @Test
    void aRefusedGrantNamesTheEndpointAndItsError() throws IOException {
        AccessTokens tokens = tokens(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}");

        IllegalStateException e = assertThrows(IllegalStateException.class, tokens::current);

        assertTrue(e.getMessage().contains("/token refused the client_credentials grant (400): invalid_client bad "
                + "secret"), e.getMessage());
    }

    private AccessTokens tokens(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            issued.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new AccessTokens(new OAuth2Grant(OAuth2Grant.GrantType.CLIENT_CREDENTIALS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"), "rebound", "", "s3cret",
                ""), clock, Duration.ofSeconds(5));
    }
}

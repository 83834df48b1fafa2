package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rebound.app.TestMail.Failure;
import org.rebound.mailbox.MailboxAccount;

/**
 * OAuth2 end to end: an identity platform's token endpoint (a JDK HTTP server on loopback) hands out access tokens,
 * and GreenMail's IMAP (and POP3) server takes them with SASL XOAUTH2 (GreenMail 2.1 checks the token of
 * {@code user=...\x01auth=Bearer TOKEN\x01\x01} as the user's password, so the fake platform sets that password to
 * each token it issues, the way a real mail host would accept only a current token). A proxy records what Rebound
 * sends the IMAP server.
 */
class XOAuth2IT {

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = MailboxAccount.Protocol.class, names = {"IMAP", "POP3"})
    void microsoft365sClientCredentialsGrantLogsInWithXOAuth2(MailboxAccount.Protocol protocol) throws Exception {
        try (TokenEndpoint platform = new TokenEndpoint(3600);
             Mailbox mailbox = new Mailbox(protocol, platform, s -> s
                     .with("rebound.mailbox.oauth2.grant-type", "client-credentials")
                     .with("rebound.mailbox.oauth2.scope", "https://outlook.office365.com/.default")
                     .with("rebound.mailbox.oauth2.client-secret", "app-secret"))) {
            mailbox.deliverOneBounceAndAwaitIt("m365");

            Map<String, String> request = platform.requests.get(0);
            assertEquals(Map.of("grant_type", "client_credentials", "client_id", "rebound-app",
                    "client_secret", "app-secret", "scope", "https://outlook.office365.com/.default"), request);
            String sent = mailbox.proxy.clientSent();
            // IMAP: AUTHENTICATE XOAUTH2 (RFC 3501 section 6.2.2); POP3: AUTH XOAUTH2 (RFC 5034); never a password.
            assertTrue(sent.contains(protocol.imap() ? " AUTHENTICATE XOAUTH2 " : "AUTH XOAUTH2 "), sent);
            assertFalse(sent.contains(" LOGIN ") || sent.contains("USER ") || sent.contains("PASS "), sent);
            // Every login (the one tried before the test's mailbox took the token, and the one that worked) is this.
            assertEquals(java.util.Set.of("user=bounces\u0001auth=Bearer access-1\u0001\u0001"),
                    java.util.Set.copyOf(xoauth2Responses(sent)));
        }
    }

    @Test
    void gmailsRefreshTokenGrantRenewsTheTokenBeforeItExpiresAndFollowsARotatedRefreshToken() throws Exception {
        // A token of 1 s is never fresh enough to log in with: each new session asks for a new one.
        try (TokenEndpoint platform = new TokenEndpoint(1);
             Mailbox mailbox = new Mailbox(MailboxAccount.Protocol.IMAP, platform, s -> s
                     .with("rebound.mailbox.oauth2.grant-type", "refresh-token")
                     .with("rebound.mailbox.oauth2.refresh-token", "refresh-1"))) {
            mailbox.deliverOneBounceAndAwaitIt("gmail-1");
            mailbox.deliverOneBounceAndAwaitIt("gmail-2");

            assertTrue(platform.requests.size() >= 2, platform.requests.toString());
            assertEquals(Map.of("grant_type", "refresh_token", "client_id", "rebound-app",
                    "refresh_token", "refresh-1"), platform.requests.get(0));
            // The endpoint rotated the refresh token with its first answer (RFC 6749 section 6).
            assertEquals("refresh-2", platform.requests.get(1).get("refresh_token"));
            List<String> logins = xoauth2Responses(mailbox.proxy.clientSent());
            assertTrue(logins.contains("user=bounces\u0001auth=Bearer access-2\u0001\u0001"), logins.toString());
        }
    }

    /** The decoded initial responses of every IMAP AUTHENTICATE or POP3 AUTH XOAUTH2 (SASL-IR, RFC 4959). */
    private static List<String> xoauth2Responses(String sent) {
        List<String> responses = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("AUTH(?:ENTICATE)? XOAUTH2 (\\S+)").matcher(sent);
        while (m.find()) {
            responses.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return responses;
    }

    /** Rebound reading a GreenMail IMAP or POP3 mailbox through a recording proxy, logged in with XOAUTH2. */
    private static final class Mailbox implements AutoCloseable {
        final RunningRebound rebound;
        final TcpProxy proxy;

        Mailbox(MailboxAccount.Protocol protocol, TokenEndpoint platform,
                java.util.function.UnaryOperator<Settings> grant) throws Exception {
            TcpProxy[] made = new TcpProxy[1];
            rebound = RunningRebound.start(TestDatabase.h2(), protocol, s -> {
                try {
                    made[0] = new TcpProxy(Integer.parseInt(s.text("rebound.mailbox.port")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return grant.apply(s.with("rebound.mailbox.port", Integer.toString(made[0].port()))
                        .with("rebound.mailbox.password", "")
                        .with("rebound.mailbox.auth", "xoauth2")
                        .with("rebound.mailbox.backoff-max", "PT1S")
                        .with("rebound.mailbox.oauth2.token-url", platform.url())
                        .with("rebound.mailbox.oauth2.client-id", "rebound-app"));
            });
            proxy = made[0];
            // Only a token the platform issued opens the mailbox: the password the demo set is gone. A login tried
            // before this (Rebound polls at once) fails, and the next one, after a short backoff, succeeds.
            rebound.mailbox.user().setPassword("no-password-login");
            platform.onIssue(token -> rebound.mailbox.user().setPassword(token));
        }

        void deliverOneBounceAndAwaitIt(String id) throws Exception {
            int before = rebound.count("SELECT COUNT(*) FROM bounce_event");
            rebound.logSent(id + "@sender.example", id + "@recipient.example", "winter", null);
            rebound.mailbox.deliver(TestMail.dsn(id + "@sender.example",
                    List.of(new Failure(id + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            RunningRebound.await("the bounce recorded after an XOAUTH2 login", Duration.ofSeconds(30),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == before + 1
                            && rebound.mailbox.messageCount() == 0);
        }

        @Override
        public void close() throws Exception {
            try (TcpProxy p = proxy) {
                rebound.close();
            }
        }
    }

    /**
     * A token endpoint (RFC 6749 section 3.2) that issues access-1, access-2, ... valid for the given seconds, and with
     * the refresh token grant rotates the refresh token (refresh-2, ...).
     */
    private static final class TokenEndpoint implements AutoCloseable {
        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final long lifetime;
        private volatile java.util.function.Consumer<String> issued = token -> { };
        private int count;

        TokenEndpoint(long lifetime) throws IOException {
            this.lifetime = lifetime;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/tenant-1/oauth2/v2.0/token", this::token);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/tenant-1/oauth2/v2.0/token";
        }

        /** Tells the listener of every token issued from now on, and of the latest one issued before. */
        synchronized void onIssue(java.util.function.Consumer<String> listener) {
            issued = listener;
            if (count > 0) {
                listener.accept("access-" + count);
            }
        }

        private synchronized void token(HttpExchange exchange) throws IOException {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            requests.add(form);
            count++;
            String token = "access-" + count;
            issued.accept(token);
            String rotated = form.containsKey("refresh_token")
                    ? ",\"refresh_token\":\"refresh-" + (count + 1) + "\"" : "";
            byte[] body = ("{\"token_type\":\"Bearer\",\"access_token\":\"" + token + "\",\"expires_in\":" + lifetime
                    + rotated + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

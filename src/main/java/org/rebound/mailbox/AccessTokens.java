package org.rebound.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The current OAuth2 access token of one mailbox, obtained from its token endpoint (RFC 6749 section 3.2: a form
 * POST, a JSON answer with access_token and expires_in) and obtained again before it expires: once less than a tenth
 * of its lifetime, or a minute, is left, so that a login never carries a token that lapses during the session's
 * first commands. A refresh token the endpoint rotates (RFC 6749 section 6: it may issue a new one) is used from
 * then on.
 */
public final class AccessTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEEWAY = Duration.ofMinutes(1);

    private final OAuth2Grant grant;
    private final Clock clock;
    private final HttpClient http;
    private String refreshToken;
    private Optional<String> token = Optional.empty();
    private Instant renewAt = Instant.MIN;
    private int obtained;

    public AccessTokens(OAuth2Grant grant, Clock clock, Duration timeout) {
        this.grant = grant;
        this.clock = clock;
        this.refreshToken = grant.refreshToken();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The access token to log in with now, obtained from the token endpoint when none is left that is fresh. */
    public synchronized String current() {
        if (token.isEmpty() || !clock.instant().isBefore(renewAt)) {
            obtain();
        }
        return token.get();
    }

    /** How many tokens have been obtained since start. */
    public synchronized int obtained() {
        return obtained;
    }

    private void obtain() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grant.type().wireName());
        form.put("client_id", grant.clientId());
        if (!grant.clientSecret().isEmpty()) {
            form.put("client_secret", grant.clientSecret());
        }
        if (grant.type() == OAuth2Grant.GrantType.REFRESH_TOKEN) {
            form.put("refresh_token", refreshToken);
        }
        if (!grant.scope().isEmpty()) {
            form.put("scope", grant.scope());
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(grant.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the OAuth2 token endpoint " + grant.tokenUrl() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + grant.tokenUrl() + " for a token", e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the OAuth2 token endpoint " + grant.tokenUrl() + " answered "
                    + response.statusCode() + " with no JSON", e);
        }
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            // RFC 6749 section 5.2: error and error_description say why; they never hold a secret.
            throw new IllegalStateException("the OAuth2 token endpoint " + grant.tokenUrl() + " refused the "
                    + grant.type().wireName() + " grant (" + response.statusCode() + "): "
                    + answer.path("error").asText("") + " " + answer.path("error_description").asText(""));
        }
        long lifetime = Math.max(1, answer.path("expires_in").asLong(3600));
        Duration margin = Duration.ofSeconds(lifetime / 10);
        renewAt = asked.plusSeconds(lifetime).minus(margin.compareTo(LEEWAY) > 0 ? margin : LEEWAY);
        token = Optional.of(answer.get("access_token").asText());
        if (answer.hasNonNull("refresh_token")) {
            refreshToken = answer.get("refresh_token").asText();
        }
        obtained++;
    }
}

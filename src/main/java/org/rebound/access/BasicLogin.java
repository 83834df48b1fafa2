package org.rebound.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The login that state-changing calls of the HTTP API ask for (HTTP basic authentication, RFC 7617), checked against
 * the management server's users (camel.management.basic-properties-file: lines "user.NAME=PASSWORD[,ROLE...]",
 * Vert.x's property-file format), so that one file holds the operators of /observe and of /api. Without that file no
 * call that changes state is accepted.
 */
public final class BasicLogin {

    private final Map<String, byte[]> passwords;

    private BasicLogin(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** No users: every state-changing call is refused. */
    public static BasicLogin nobody() {
        return new BasicLogin(Map.of());
    }

    /** The users of a Vert.x property file; a file that cannot be read stops start-up. */
    public static BasicLogin fromFile(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, byte[]> passwords = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("user.")) {
                String value = p.getProperty(key);
                int comma = value.indexOf(',');
                String password = comma < 0 ? value : value.substring(0, comma);
                passwords.put(key.substring("user.".length()), password.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new BasicLogin(Map.copyOf(passwords));
    }

    /**
     * The user an Authorization header logs in as.
     *
     * @throws LoginRequiredException when the header is missing, malformed, or names no user with that password
     */
    public String userOf(String authorization) {
        if (passwords.isEmpty()) {
            throw new LoginRequiredException("no users are configured: set camel.management.basic-properties-file "
                    + "to change state through the API");
        }
        Optional<String[]> pair = Optional.ofNullable(authorization).map(String::strip)
                .filter(a -> a.regionMatches(true, 0, "Basic ", 0, 6)).map(a -> decode(a.substring(6).strip()))
                .filter(s -> s.contains(":")).map(s -> s.split(":", 2));
        if (pair.isEmpty()) {
            throw new LoginRequiredException("this call changes state: log in (HTTP basic authentication)");
        }
        byte[] expected = passwords.get(pair.get()[0]);
        byte[] given = pair.get()[1].getBytes(StandardCharsets.UTF_8);
        // Compared in constant time, and a wrong user costs as much as a wrong password.
        boolean ok = MessageDigest.isEqual(expected == null ? new byte[given.length + 1] : expected, given);
        if (expected == null || !ok) {
            throw new LoginRequiredException("wrong user or password");
        }
        return pair.get()[0];
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}

package org.rebound.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A user of the embedded broker and its password. The password comes from the environment; none is ever a default
 * that someone else could know.
 */
public record BrokerLogin(String user, String password) {

    public BrokerLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || password.isEmpty()) {
            throw new IllegalArgumentException("a broker login needs a user and a password");
        }
    }

    /** A login whose password is drawn at random for this run: for Rebound's own in-process connection. */
    public static BrokerLogin withRandomPassword(String user) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new BrokerLogin(user, HexFormat.of().formatHex(secret));
    }

    @Override
    public String toString() {
        return "BrokerLogin[" + user + "]";
    }
}

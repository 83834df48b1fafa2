package org.rebound.mailbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/** Where the returned mail waits: a POP3 mailbox (RFC 1939), in clear or over TLS (pop3s, RFC 8314). */
public record MailboxAccount(Protocol protocol, String host, int port, String user, String password,
        Duration timeout) {

    /** The mail protocols Rebound reads returned mail with. */
    public enum Protocol {
        POP3, POP3S;

        public static Protocol parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        /** The Jakarta Mail store name: "pop3" or "pop3s". */
        public String storeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MailboxAccount {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Jakarta Mail settings for this account's store. */
    Properties sessionProperties() {
        String prefix = "mail." + protocol.storeName() + ".";
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        // Rebound reads each message whole with RETR; TOP (for headers alone) would cost a second round trip.
        p.setProperty(prefix + "disabletop", "true");
        return p;
    }

    @Override
    public String toString() {
        // never the password
        return protocol.storeName() + "://" + user + "@" + host + ":" + port;
    }
}

package org.rebound.mailbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.component.mail.MailAuthenticator;

/**
 * One mailbox that receives returned mail, as its settings give it (rebound.mailbox.* for the first,
 * rebound.mailboxes.NAME.* for more): POP3 (RFC 1939) or IMAP (RFC 3501/9051), over implicit TLS (pop3s, imaps,
 * RFC 8314) or in clear upgraded by STARTTLS (RFC 2595), logged in with a password or an OAuth2 token (SASL
 * XOAUTH2). A route's {@code mailbox:} endpoint names it with its {@code account} option.
 *
 * @param name       "default" for rebound.mailbox.*, NAME for rebound.mailboxes.NAME.*
 * @param login      gives the user and the password or the current access token at each login
 * @param startTls   with pop3 or imap: the session must be upgraded to TLS before the login, or it is refused
 * @param trustStore the certificates that the server's must chain to; empty: the JVM's own (cacerts)
 * @param folder     the IMAP folder read (INBOX for POP3, which has no other)
 * @param processed  what becomes of an IMAP message once recorded
 * @param idle       IMAP only: once the folder is drained, how long one wait for new mail with IDLE (RFC 2177) lasts
 *                   at most before the next poll; empty: IDLE is off, the folder is polled every poll delay
 */
public record MailboxAccount(String name, Protocol protocol, String host, int port, String user,
        MailAuthenticator login, Authentication authentication, boolean startTls, Optional<TrustStore> trustStore,
        Duration timeout, String folder, ProcessedMail processed, Optional<Duration> idle) {

    /** The mail protocols Rebound reads returned mail with. */
    public enum Protocol {
        POP3, POP3S, IMAP, IMAPS;

        public static Protocol parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        /** The Jakarta Mail store name, also camel-mail's scheme: "pop3", "pop3s", "imap" or "imaps". */
        public String storeName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean imap() {
            return this == IMAP || this == IMAPS;
        }

        /** TLS from the first byte (RFC 8314), as opposed to a clear session that STARTTLS may upgrade. */
        public boolean implicitTls() {
            return this == POP3S || this == IMAPS;
        }
    }

    /** How Rebound logs in: USER/PASS or LOGIN with a password, or SASL XOAUTH2 with an OAuth2 access token. */
    public enum Authentication {
        PASSWORD, XOAUTH2;

        public static Authentication parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A key store file (PKCS12 or JKS) holding the certificates to trust, and its password. */
    public record TrustStore(Path file, String password) {
        public TrustStore {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return file.toString(); // never the password
        }
    }

    public MailboxAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(processed, "processed");
        Objects.requireNonNull(idle, "idle");
        if (startTls && protocol.implicitTls()) {
            throw new IllegalArgumentException("STARTTLS upgrades a clear session; " + protocol.storeName()
                    + " is TLS from the start");
        }
    }

    /**
     * How long one wait for new mail with IMAP IDLE lasts at most, when this mailbox waits that way between polls:
     * an IMAP mailbox with IDLE on (whether the server offers it is known only once connected). POP3 has no IDLE.
     */
    public Optional<Duration> idleBetweenPolls() {
        return protocol.imap() ? idle : Optional.empty();
    }

    /**
     * The Jakarta Mail session properties this account needs for the given store (camel-mail's scheme): timeouts,
     * the server's certificate and name checked, STARTTLS required when chosen, XOAUTH2 when chosen. An endpoint's
     * own {@code mail.*} options are applied after these, so a route can still override any of them.
     */
    public Properties javaMailProperties(String storeName) {
        String prefix = "mail." + storeName + ".";
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        // RFC 8314 section 4.1 / RFC 2595 section 2.4: the server's certificate must name the host Rebound dialled.
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (startTls) {
            // RFC 2595 section 2.2 (IMAP STARTTLS, POP3 STLS): with "required", a server that does not offer it is
            // refused before any credential is sent, rather than spoken to in clear.
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (authentication == Authentication.XOAUTH2) {
            // Google's and Microsoft's XOAUTH2 SASL mechanism: the password given at login is the access token.
            p.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
        }
        if (storeName.startsWith("pop3")) {
            // Rebound reads each message whole with RETR; TOP (for headers alone) would cost a second round trip.
            p.setProperty(prefix + "disabletop", "true");
        } else {
            // One FETCH BODY.PEEK[] per message, not one per 16 KiB piece (Angus Mail's default partial fetch).
            p.setProperty(prefix + "partialfetch", "false");
        }
        return p;
    }

    @Override
    public String toString() {
        // never the password
        return name + " (" + protocol.storeName() + "://" + user + "@" + host + ":" + port + ")";
    }
}

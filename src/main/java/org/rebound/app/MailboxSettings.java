package org.rebound.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.component.mail.MailAuthenticator;
import org.rebound.mailbox.AccessTokens;
import org.rebound.mailbox.MailboxAccount;
import org.rebound.mailbox.MailboxAccount.Authentication;
import org.rebound.mailbox.MailboxAccount.Protocol;
import org.rebound.mailbox.OAuth2Grant;
import org.rebound.mailbox.PasswordLogin;
import org.rebound.mailbox.ProcessedMail;
import org.rebound.mailbox.WindowLimits;
import org.rebound.mailbox.XOAuth2Login;

/** Reads and checks the rebound.mailbox.* settings, and those of each further mailbox (rebound.mailboxes.NAME.*). */
final class MailboxSettings {

    /** The account name of the rebound.mailbox.* settings, which a route's mailbox endpoint names by default. */
    static final String DEFAULT_ACCOUNT = "default";
    /** Further mailboxes: rebound.mailboxes.NAME.protocol, .host, ... (the same keys as rebound.mailbox.*). */
    static final String MORE = "rebound.mailboxes.";
    /** How long one IMAP IDLE lasts at most when rebound.mailbox.imap.idle-max is left out. */
    private static final Duration DEFAULT_IDLE_MAX = Duration.ofMinutes(10);
    /** RFC 2177 section 3: a client re-issues IDLE at least every 29 minutes. */
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(29);

    private MailboxSettings() {
    }

    /** Every mailbox the settings define, by account name: "default" first, then each NAME. */
    static Map<String, MailboxAccount> accounts(Settings settings) {
        Map<String, MailboxAccount> accounts = new LinkedHashMap<>();
        accounts.put(DEFAULT_ACCOUNT, account(settings, DEFAULT_ACCOUNT, "rebound.mailbox."));
        for (String name : settings.names(MORE)) {
            if (name.equals(DEFAULT_ACCOUNT)) {
                throw new SettingsException(MORE + name + ".host", "a mailbox name other than '" + DEFAULT_ACCOUNT
                        + "', which is rebound.mailbox.*", "'" + name + "'");
            }
            accounts.put(name, account(settings, name, MORE + name + "."));
        }
        return accounts;
    }

    /** The first mailbox's account alone (rebound.mailbox.*). */
    static MailboxAccount account(Settings settings) {
        return account(settings, DEFAULT_ACCOUNT, "rebound.mailbox.");
    }

    private static MailboxAccount account(Settings settings, String name, String prefix) {
        Protocol protocol = settings.choice(prefix + "protocol", Protocol.class, Protocol::parse);
        String host = settings.text(prefix + "host");
        int port = settings.integer(prefix + "port", 1, 65535);
        String user = settings.text(prefix + "user");
        Duration timeout = settings.has(prefix + "timeout")
                ? settings.duration(prefix + "timeout", Duration.ofSeconds(1))
                : settings.duration("rebound.mailbox.timeout", Duration.ofSeconds(1));
        String startTlsKey = inherited(settings, prefix, "starttls");
        boolean startTls = optional(settings, startTlsKey).map(v -> settings.bool(startTlsKey)).orElse(false);
        if (startTls && protocol.implicitTls()) {
            throw new SettingsException(prefix + "starttls", "false with " + protocol.storeName()
                    + ", which is TLS from the start (STARTTLS upgrades pop3 or imap)", "true");
        }
        String trustStoreKey = inherited(settings, prefix, "trust-store");
        Optional<MailboxAccount.TrustStore> trustStore = optional(settings, trustStoreKey).map(file -> {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new SettingsException(trustStoreKey, "a readable key store file (PKCS12 or JKS)",
                        "'" + file + "', which cannot be read");
            }
            return new MailboxAccount.TrustStore(path,
                    optional(settings, inherited(settings, prefix, "trust-store-password")).orElse(""));
        });
        String folder = optional(settings, inherited(settings, prefix, "imap.folder")).orElse("INBOX");
        String processedKey = inherited(settings, prefix, "imap.processed");
        String processedSetting = optional(settings, processedKey).orElse("move");
        String folderKey = inherited(settings, prefix, "imap.processed-folder");
        ProcessedMail processed = switch (processedSetting) {
            case "move" -> ProcessedMail.movedTo(optional(settings, folderKey)
                    .orElseThrow(() -> new SettingsException(folderKey,
                            "a folder name, since " + processedKey + " is move", "nothing")));
            case "expunge" -> ProcessedMail.expunged();
            default -> throw new SettingsException(processedKey, "one of move, expunge",
                    "'" + processedSetting + "'");
        };
        Authentication authentication = settings.has(prefix + "auth")
                ? settings.choice(prefix + "auth", Authentication.class, Authentication::parse)
                : Authentication.PASSWORD;
        MailAuthenticator login = authentication == Authentication.PASSWORD
                ? new PasswordLogin(user, settings.has(prefix + "password") ? settings.optionalText(prefix + "password")
                        : "")
                : new XOAuth2Login(user, new AccessTokens(grant(settings, prefix + "oauth2."), Clock.systemUTC(),
                        timeout));
        return new MailboxAccount(name, protocol, host, port, user, login, authentication, startTls, trustStore,
                timeout, folder, processed, idle(settings, prefix));
    }

    /**
     * IMAP IDLE between polls (rebound.mailbox.imap.idle, on unless set false) and how long one wait lasts at most
     * (imap.idle-max): RFC 2177 section 3 has the client re-issue IDLE at least every 29 minutes, since a server may
     * log out a client that has been inactive for 30.
     */
    private static Optional<Duration> idle(Settings settings, String prefix) {
        String onKey = inherited(settings, prefix, "imap.idle");
        if (optional(settings, onKey).isPresent() && !settings.bool(onKey)) {
            return Optional.empty();
        }
        String maxKey = inherited(settings, prefix, "imap.idle-max");
        if (optional(settings, maxKey).isEmpty()) {
            return Optional.of(DEFAULT_IDLE_MAX);
        }
        Duration max = settings.duration(maxKey, Duration.ofSeconds(1));
        if (max.compareTo(IDLE_LIMIT) > 0) {
            throw new SettingsException(maxKey, "an ISO-8601 duration of at most " + IDLE_LIMIT
                    + " (RFC 2177: IDLE is re-issued at least every 29 minutes)", "'" + settings.text(maxKey) + "'");
        }
        return Optional.of(max);
    }

    private static OAuth2Grant grant(Settings settings, String prefix) {
        OAuth2Grant.GrantType type = settings.choice(prefix + "grant-type", OAuth2Grant.GrantType.class,
                OAuth2Grant.GrantType::parse);
        String url = settings.text(prefix + "token-url");
        URI tokenUrl;
        try {
            tokenUrl = new URI(url);
        } catch (URISyntaxException e) {
            throw new SettingsException(prefix + "token-url", "an https URL", "'" + url + "'");
        }
        boolean loopback = "127.0.0.1".equals(tokenUrl.getHost()) || "localhost".equals(tokenUrl.getHost());
        if (!"https".equals(tokenUrl.getScheme()) && !(loopback && "http".equals(tokenUrl.getScheme()))) {
            // RFC 6749 section 3.2: the token endpoint is reached over TLS; only a loopback one (a test) may not be.
            throw new SettingsException(prefix + "token-url", "an https URL", "'" + url + "'");
        }
        String secret = settings.secret(prefix + "client-secret");
        String refreshToken = settings.secret(prefix + "refresh-token");
        if (type == OAuth2Grant.GrantType.REFRESH_TOKEN && refreshToken.isEmpty()) {
            throw new SettingsException(prefix + "refresh-token", "a refresh token from the environment ("
                    + Settings.environmentName(prefix + "refresh-token") + ") for the refresh-token grant", "nothing");
        }
        if (type == OAuth2Grant.GrantType.CLIENT_CREDENTIALS && secret.isEmpty()) {
            throw new SettingsException(prefix + "client-secret", "a client secret from the environment ("
                    + Settings.environmentName(prefix + "client-secret") + ") for the client-credentials grant",
                    "nothing");
        }
        return new OAuth2Grant(type, tokenUrl, settings.text(prefix + "client-id"),
                settings.has(prefix + "scope") ? settings.optionalText(prefix + "scope") : "", secret, refreshToken);
    }

    /**
     * The key a further mailbox reads a policy from: its own when present, else the first mailbox's
     * (rebound.mailbox.*), so that STARTTLS, the trust store and the IMAP folders need not be repeated. Logins are
     * never inherited.
     */
    private static String inherited(Settings settings, String prefix, String suffix) {
        return settings.has(prefix + suffix) ? prefix + suffix : "rebound.mailbox." + suffix;
    }

    /** A key that may be absent (a further mailbox need not repeat every key) or empty: then empty. */
    private static Optional<String> optional(Settings settings, String key) {
        return settings.has(key) ? Optional.of(settings.optionalText(key)).filter(v -> !v.isEmpty())
                : Optional.empty();
    }

    static WindowLimits window(Settings settings) {
        return new WindowLimits(settings.integer("rebound.mailbox.window", 1, 100_000),
                settings.integer("rebound.mailbox.window-bytes", 1024 * 1024, Integer.MAX_VALUE),
                settings.integer("rebound.parsing.max-message-bytes", 1024, Integer.MAX_VALUE));
    }

    static int sessionMessages(Settings settings) {
        return settings.integer("rebound.mailbox.session-messages", 1, Integer.MAX_VALUE);
    }

    static Duration windowStuckAfter(Settings settings) {
        return settings.duration("rebound.mailbox.window-stuck-after", Duration.ofSeconds(1));
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Settings shipped(Map<String, String> env, Properties system) {
        return Settings.load(Path.of("application.properties"), env, system);
    }

    @Test
    void environmentVariableOverridesTheFile() {
        Settings s = shipped(Map.of("REBOUND_MAILBOX_HOST", "pop.example.com"), new Properties());

        assertEquals("pop.example.com", s.text("rebound.mailbox.host"));
    }

    @Test
    void systemPropertyOverridesTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("rebound.mailbox.host", "from-jvm.example.com");

        Settings s = shipped(Map.of("REBOUND_MAILBOX_HOST", "from-env.example.com"), system);

        assertEquals("from-jvm.example.com", s.text("rebound.mailbox.host"));
    }

    @Test
    void dashesAndDotsBecomeUnderscoresInEnvironmentNames() {
        assertEquals("REBOUND_NON_BOUNCE_POLICY", Settings.environmentName("rebound.non-bounce.policy"));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
        "rebound.mailbox.port|abc|setting rebound.mailbox.port: expected a whole number from 1 to 65535, got 'abc'",
        "rebound.mailbox.protocol|imap4|setting rebound.mailbox.protocol: expected one of pop3, pop3s, imap, imaps, got 'imap4'",
        "rebound.non-bounce.policy|delete|setting rebound.non-bounce.policy: expected one of keep, forward, dead-letter, got 'delete'",
        "rebound.jms.embedded|yes|setting rebound.jms.embedded: expected true or false, got 'yes'",
        "rebound.correlation.sent-messages.table|sent;drop|rebound.correlation.sent-messages.table",
        "rebound.correlation.order|message-id,fax|rebound.correlation.order",
        "rebound.quarantine.min-soft-error-spacing|one day|rebound.quarantine.min-soft-error-spacing",
        "rebound.mailbox.host|' '|setting rebound.mailbox.host: expected a value, got nothing",
        "rebound.mailbox.window-stuck-after|PT0S|setting rebound.mailbox.window-stuck-after: expected an ISO-8601 duration of at least PT1S, got 'PT0S'",
        "rebound.parsing.max-recipients|0|setting rebound.parsing.max-recipients: expected a whole number from 1 to 1000000, got '0'",
        "rebound.mailbox.window-bytes|1000|setting rebound.mailbox.window-bytes: expected a whole number from 1048576",
        "rebound.correlation.unproven|drop|setting rebound.correlation.unproven: expected one of dead-letter, store, got 'drop'",
        "rebound.correlation.verp-secret|short|rebound.correlation.verp-secret",
        "rebound.outbox.claim-lease|PT0.5S|setting rebound.outbox.claim-lease: expected an ISO-8601 duration of at least PT1S, got 'PT0.5S'",
        "rebound.mailbox.starttls|true|setting rebound.mailbox.starttls: expected false with pop3s, which is TLS from the start",
        "rebound.mailbox.starttls|maybe|setting rebound.mailbox.starttls: expected true or false, got 'maybe'",
        "rebound.mailbox.trust-store|/no/such/store.p12|setting rebound.mailbox.trust-store: expected a readable key store file",
        "rebound.mailbox.imap.processed|delete|setting rebound.mailbox.imap.processed: expected one of move, expunge, got 'delete'",
        "rebound.mailbox.imap.idle|sometimes|setting rebound.mailbox.imap.idle: expected true or false, got 'sometimes'",
        "rebound.mailbox.imap.idle-max|PT30M|setting rebound.mailbox.imap.idle-max: expected an ISO-8601 duration of at most PT29M",
        "rebound.mailbox.imap.idle-max|PT0S|setting rebound.mailbox.imap.idle-max: expected an ISO-8601 duration of at least PT1S",
        "rebound.mailbox.auth|basic|setting rebound.mailbox.auth: expected one of password, xoauth2, got 'basic'",
        "rebound.smtp.security|tls|setting rebound.smtp.security: expected one of smtps, starttls, none, got 'tls'",
        "rebound.smtp.trust-store|/no/such/store.p12|setting rebound.smtp.trust-store: expected a readable key store file",
        "rebound.mailboxes.second.protocol|imap4|setting rebound.mailboxes.second.protocol: expected one of pop3, pop3s, imap, imaps, got 'imap4'",
        "rebound.election|raft|setting rebound.election: expected one of none, file, quartz, kubernetes, got 'raft'",
        "rebound.election|zookeeper|setting rebound.election: expected none, file, quartz or kubernetes (zookeeper is not offered: camel-zookeeper 4.18.0 keeps a paused leader polling beside the new one, CAMEL-24457",
        "rebound.election.quartz.check-in|PT0.01S|setting rebound.election.quartz.check-in: expected an ISO-8601 duration of at least PT0.1S",
        "rebound.election.kubernetes.lease-duration|PT1S|setting rebound.election.kubernetes.lease-duration: expected an ISO-8601 duration of at least PT3S",
        "rebound.election.file.heartbeat|1s|setting rebound.election.file.heartbeat: expected an ISO-8601 duration such as PT1M or P1D, got '1s'",
        "rebound.workers.mode|threads|setting rebound.workers.mode: expected one of inline, queue, got 'threads'",
        "rebound.workers.enabled|true|setting rebound.workers.enabled: expected false, or rebound.workers.mode=queue",
    })
    void wrongSettingStopsStartUpNamingTheKey(String key, String value, String message) {
        Settings s = onFreePorts().with(key, value);

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith(message) || e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void theQueueModeWithKeptMailStopsStartUpNamingThePolicy() {
        Settings s = onFreePorts().with("rebound.workers.mode", "queue").with("rebound.non-bounce.policy", "keep");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.non-bounce.policy: expected forward or dead-letter with "
                + "rebound.workers.mode=queue"), e.getMessage());
    }

    @Test
    void anOAuth2SecretInTheFileStopsStartUpNamingTheKey(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, Files.readString(Path.of("application.properties"))
                .replace("rebound.mailbox.oauth2.client-secret=\n", "rebound.mailbox.oauth2.client-secret=s3cret\n"));
        Settings s = Settings.load(file, Map.of(), new Properties()).with("rebound.mailbox.auth", "xoauth2")
                .with("rebound.mailbox.oauth2.token-url", "https://login.example/token")
                .with("rebound.mailbox.oauth2.client-id", "rebound");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.mailbox.oauth2.client-secret: expected no value in the "
                + "configuration file (a secret: set REBOUND_MAILBOX_OAUTH2_CLIENT_SECRET"), e.getMessage());
    }

    @Test
    void theClientCredentialsGrantWithoutASecretStopsStartUpNamingTheKey() {
        Settings s = onFreePorts().with("rebound.mailbox.auth", "xoauth2")
                .with("rebound.mailbox.oauth2.token-url", "https://login.example/token")
                .with("rebound.mailbox.oauth2.client-id", "rebound");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.mailbox.oauth2.client-secret: expected a client secret "
                + "from the environment"), e.getMessage());
    }

    @Test
    void aTokenEndpointInClearStopsStartUpNamingTheKey() {
        Settings s = shipped(Map.of("REBOUND_MAILBOX_OAUTH2_CLIENT_SECRET", "s3cret"), new Properties())
                .with("rebound.mailbox.auth", "xoauth2")
                .with("rebound.mailbox.oauth2.token-url", "http://login.example/token")
                .with("rebound.mailbox.oauth2.client-id", "rebound");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.mailbox.oauth2.token-url: expected an https URL"),
                e.getMessage());
    }

    @Test
    void healthPortInUseStopsStartUpNamingTheKey() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Settings s = shipped(Map.of(), new Properties())
                    .with("camel.management.port", Integer.toString(taken.getLocalPort()));

            SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

            assertTrue(e.getMessage().startsWith("setting camel.management.port: expected a port free on 127.0.0.1"),
                    e.getMessage());
        }
    }

    @Test
    void healthEndpointOffLoopbackWithoutALoginStopsStartUpNamingTheKey() {
        Settings s = onFreePorts().with("camel.management.host", "0.0.0.0");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting camel.management.authentication-enabled: expected true"),
                e.getMessage());
    }

    @Test
    void theApiOffLoopbackWithoutALoginStopsStartUpNamingTheKey() {
        Settings s = onFreePorts().with("camel.server.host", "0.0.0.0");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting camel.server.authentication-enabled: expected true"),
                e.getMessage());
    }

    @Test
    void jolokiaWithoutALoginStopsStartUpNamingTheKey() {
        Settings s = onFreePorts().with("camel.management.jolokia-enabled", "true");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting camel.management.jolokia-enabled: expected false, or"),
                e.getMessage());
    }

    @Test
    void aComplaintThresholdOutOfRangeStopsStartUpNamingTheKey() {
        Settings s = onFreePorts().with("rebound.reputation.complaint-warning-percent", "120");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.reputation.complaint-warning-percent: expected a "
                + "number from"), e.getMessage());
    }

    @Test
    void aSentMessageTableThatDoesNotExistStopsStartUpNamingTheKey() {
        Settings s = withoutHealthEndpoint().with("rebound.db.url", TestDatabase.h2().url())
                .with("rebound.correlation.sent-messages.table", "no_such_table");

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("setting rebound.correlation.sent-messages.table: expected a table"),
                e.getMessage());
    }

    @Test
    void anUnreachableDatabaseStopsStartUpInOneLineNamingTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:" + DemoMailbox.freePort() + "/test";
        Settings s = withoutHealthEndpoint().with("rebound.db.url", url);

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertEquals(List.of("setting rebound.db.url: expected a database that accepts a connection, got " + url
                + ", which does not (Connection refused)"), e.getMessage().lines().toList());
    }

    @Test
    void aPasswordInTheDatabaseUrlIsNotShown() {
        String url = "jdbc:postgresql://127.0.0.1:" + DemoMailbox.freePort() + "/test?user=x&password=secret";
        Settings s = withoutHealthEndpoint().with("rebound.db.url", url);

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().contains("password=***") && !e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void aRuleFileThatDoesNotLoadStopsStartUpNamingTheFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "- id: broken\n  reason: [unclosed\n");
        Settings s = withoutHealthEndpoint().with("rebound.db.url", TestDatabase.h2().url())
                .with("rebound.rules.local-dir", dir.toString());

        SettingsException e = assertThrows(SettingsException.class, () -> ReboundServer.start(s));

        assertTrue(e.getMessage().startsWith("rule book: " + dir.resolve("broken.yaml") + ":3: not valid YAML"),
                e.getMessage());
    }

    /** The shipped settings without the health endpoint, and the API on a free port. */
    private static Settings withoutHealthEndpoint() {
        return onFreePorts().with("camel.management.enabled", "false");
    }

    /**
     * The shipped settings with the HTTP endpoints on free ports: start-up checks that its ports can be bound, and
     * another Rebound on this machine (or a build's training run) may hold the configured ones.
     */
    private static Settings onFreePorts() {
        return shipped(Map.of(), new Properties())
                .with("camel.management.port", String.valueOf(DemoMailbox.freePort()))
                .with("camel.server.port", String.valueOf(DemoMailbox.freePort()));
    }

    @Test
    void everyShippedKeyHasACommentAbove() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("application.properties"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(i > 0 && lines.get(i - 1).startsWith("#"), "no comment right above: " + line);
            }
        }
    }

    @Test
    void missingConfigurationFileIsASettingsError() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.load(Path.of("no-such.properties"), Map.of(), new Properties()));

        assertTrue(e.getMessage().contains("no-such.properties"), e.getMessage());
    }
}

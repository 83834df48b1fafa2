package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rebound.app.TestMail.Failure;
import org.rebound.bench.DovecotMailbox;
import org.rebound.bench.Pop3Tap;
import org.rebound.mailbox.MailboxAccount;

/**
 * TLS to the mailbox. STARTTLS (RFC 2595: POP3 STLS, IMAP STARTTLS), required when chosen: a server that does not
 * offer it is refused before any credential is sent (GreenMail offers none), and a server that offers it (Dovecot,
 * with a certificate made for the test) is read after the upgrade. Implicit TLS (pop3s, imaps, RFC 8314, the default)
 * is read too. The certificate is checked against rebound.mailbox.trust-store and its name against the host dialled. The Dovecot cases are skipped where Dovecot is not installed (Debian packages
 * dovecot-pop3d and dovecot-imapd).
 */
class StartTlsIT {

    @TempDir
    Path dir;

    /** Dovecot's mail user must reach the Maildir under the test's folder, which JUnit makes private. */
    @BeforeEach
    void letDovecotIn() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = MailboxAccount.Protocol.class, names = {"POP3", "IMAP"})
    void loginIsRefusedWhenStartTlsIsRequiredButNotOffered(MailboxAccount.Protocol protocol) throws Exception {
        // Over POP3, a tap in front of GreenMail sees every command Rebound sends.
        Pop3Tap[] tap = new Pop3Tap[1];
        try (RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), protocol, s -> {
            Settings required = s.with("rebound.mailbox.starttls", "true");
            if (protocol.imap()) {
                return required;
            }
            tap[0] = PoisonMailboxIT.tapInFrontOf(s);
            return required.with("rebound.mailbox.port", Integer.toString(tap[0].port()));
        })) {
            rebound.mailbox.deliver(TestMail.personalReply());
            RunningRebound.await("the refused login reported", Duration.ofSeconds(30),
                    () -> pipelineHealth(rebound).getState() == HealthCheck.State.DOWN);
            String why = pipelineHealth(rebound).getMessage().orElse("");

            assertTrue(why.contains("STARTTLS") || why.contains("STLS"), why);
            assertEquals(1, rebound.mailbox.messageCount());
            assertEquals(0, rebound.count("SELECT COUNT(*) FROM received_message"));
            if (tap[0] != null) {
                Map<String, Integer> commands = tap[0].commandCounts();
                assertTrue(!commands.containsKey("USER") && !commands.containsKey("PASS"), commands.toString());
            }
        } finally {
            if (tap[0] != null) {
                tap[0].close();
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = MailboxAccount.Protocol.class, names = {"POP3", "IMAP"})
    void aServerThatOffersStartTlsIsReadAfterTheUpgrade(MailboxAccount.Protocol protocol) throws Exception {
        assumeTrue(DovecotMailbox.installed() && DovecotMailbox.imapInstalled(), "Dovecot is not installed");
        TestCertificate certificate = TestCertificate.make(dir, "ip:127.0.0.1,dns:localhost");
        try (DovecotMailbox dovecot = DovecotMailbox.start(dir.resolve("dovecot"),
                DovecotMailbox.Offer.startTls(certificate.certificatePem(), certificate.keyPem()));
             RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), protocol,
                     s -> pointedAt(s, dovecot, protocol, Optional.of(certificate)))) {
            rebound.logSent("tls@sender.example", "tls@recipient.example", "winter", null);
            dovecot.deliver(TestMail.dsn("tls@sender.example",
                    List.of(new Failure("tls@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));

            RunningRebound.await("the bounce recorded and gone from the inbox", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 1 && dovecot.messageCount() == 0);

            assertEquals(List.of("tls@recipient.example"), rebound.rows("SELECT recipient FROM bounce_event"));
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = MailboxAccount.Protocol.class, names = {"POP3S", "IMAPS"})
    void implicitTlsTheDefaultIsReadWithTheTrustStore(MailboxAccount.Protocol protocol) throws Exception {
        assumeTrue(DovecotMailbox.installed() && DovecotMailbox.imapInstalled(), "Dovecot is not installed");
        TestCertificate certificate = TestCertificate.make(dir, "ip:127.0.0.1,dns:localhost");
        try (DovecotMailbox dovecot = DovecotMailbox.start(dir.resolve("dovecot"),
                DovecotMailbox.Offer.startTls(certificate.certificatePem(), certificate.keyPem()));
             RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), MailboxAccount.Protocol.POP3,
                     s -> pointedAt(s, dovecot, protocol, Optional.of(certificate)))) {
            rebound.logSent("tls@sender.example", "tls@recipient.example", "winter", null);
            dovecot.deliver(TestMail.dsn("tls@sender.example",
                    List.of(new Failure("tls@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));

            RunningRebound.await("the bounce recorded and gone from the inbox", Duration.ofSeconds(60),
                    () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 1 && dovecot.messageCount() == 0);

            assertEquals(List.of("tls@recipient.example"), rebound.rows("SELECT recipient FROM bounce_event"));
        }
    }

    @Test
    void aCertificateOutsideTheTrustStoreIsRefused() throws Exception {
        assumeTrue(DovecotMailbox.installed() && DovecotMailbox.imapInstalled(), "Dovecot is not installed");
        TestCertificate certificate = TestCertificate.make(dir, "ip:127.0.0.1,dns:localhost");
        refusedWith(certificate, Optional.empty(), "PKIX");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        assumeTrue(DovecotMailbox.installed() && DovecotMailbox.imapInstalled(), "Dovecot is not installed");
        TestCertificate certificate = TestCertificate.make(dir, "dns:elsewhere.example");
        refusedWith(certificate, Optional.of(certificate),
                "No subject alternative names matching IP address 127.0.0.1");
    }

    /** Rebound trusting {@code trusted} does not read the mailbox of a Dovecot with {@code served}. */
    private void refusedWith(TestCertificate served, Optional<TestCertificate> trusted, String why) throws Exception {
        try (DovecotMailbox dovecot = DovecotMailbox.start(dir.resolve("dovecot"),
                DovecotMailbox.Offer.startTls(served.certificatePem(), served.keyPem()));
             RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), MailboxAccount.Protocol.POP3,
                     s -> pointedAt(s, dovecot, MailboxAccount.Protocol.POP3, trusted))) {
            dovecot.deliver(TestMail.personalReply());
            RunningRebound.await("the refused certificate reported", Duration.ofSeconds(30),
                    () -> pipelineHealth(rebound).getState() == HealthCheck.State.DOWN);
            String message = pipelineHealth(rebound).getMessage().orElse("");

            assertTrue(message.contains(why), message);
            assertEquals(1, dovecot.messageCount());
            assertEquals(0, rebound.count("SELECT COUNT(*) FROM received_message"));
        }
    }

    private static Settings pointedAt(Settings s, DovecotMailbox dovecot, MailboxAccount.Protocol protocol,
            Optional<TestCertificate> trusted) {
        int port = switch (protocol) {
            case POP3 -> dovecot.port();
            case IMAP -> dovecot.imapPort();
            case POP3S -> dovecot.pop3sPort();
            case IMAPS -> dovecot.imapsPort();
        };
        return s.with("rebound.mailbox.protocol", protocol.storeName())
                .with("rebound.mailbox.port", Integer.toString(port))
                .with("rebound.mailbox.user", dovecot.user())
                .with("rebound.mailbox.password", dovecot.password())
                .with("rebound.mailbox.starttls", Boolean.toString(!protocol.implicitTls()))
                .with("rebound.mailbox.trust-store", trusted.map(c -> c.trustStore().toString()).orElse(""))
                .with("rebound.mailbox.trust-store-password", trusted.map(TestCertificate::trustStorePassword)
                        .orElse(""));
    }

    private static HealthCheck.Result pipelineHealth(RunningRebound rebound) {
        return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck("pipeline")
                .map(check -> ((HealthCheck) check).call()).orElseThrow();
    }
}

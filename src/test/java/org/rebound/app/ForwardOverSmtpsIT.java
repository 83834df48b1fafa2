package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rebound.smtp.security=smtps: a reply is forwarded over TLS from the first byte (RFC 8314 section 3.3), to a server
 * whose certificate chains to rebound.smtp.trust-store and names the host dialled. The server is GreenMail's SMTP
 * behind a TLS end made with a certificate for 127.0.0.1: GreenMail's own SMTPS certificate names no host (its subject
 * is "GreenMail selfsigned Test Certificate", without subject alternative names), which Rebound rightly refuses, and
 * its key store is chosen once per JVM by a system property, which the other tests of the run share.
 */
class ForwardOverSmtpsIT {

    @TempDir
    Path dir;

    private GreenMail smtp;
    private TestCertificate certificate;
    private TcpProxy smtps;

    @BeforeEach
    void startSmtps() throws Exception {
        int port = DemoMailbox.freePort();
        smtp = ForwardNonBounceIT.smtpServer(port);
        certificate = TestCertificate.make(dir, "ip:127.0.0.1");
        smtps = new TcpProxy(port, certificate.serverSockets());
    }

    @AfterEach
    void stop() throws Exception {
        smtps.close();
        smtp.stop();
    }

    @Test
    void aReplyIsForwardedOverSmtpsToAServerOfTheTrustStore() throws Exception {
        try (RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), s -> ForwardNonBounceIT
                .forwarding(s, smtps.port(), "smtps")
                .with("rebound.smtp.trust-store", certificate.trustStore().toString())
                .with("rebound.smtp.trust-store-password", certificate.trustStorePassword()))) {
            rebound.mailbox.deliver(TestMail.personalReply());

            RunningRebound.await("the reply forwarded", Duration.ofSeconds(30),
                    () -> smtp.getReceivedMessages().length == 1 && rebound.mailbox.messageCount() == 0);

            assertEquals("Fwd: Re: November offers", smtp.getReceivedMessages()[0].getSubject());
            assertEquals(List.of("FORWARDED"), rebound.rows("SELECT outcome FROM received_message"));
        }
    }
}

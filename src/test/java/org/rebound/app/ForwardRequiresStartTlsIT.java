package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.Test;

/**
 * rebound.smtp.security=starttls is required, not attempted: an SMTP server that does not offer STARTTLS (GreenMail
 * offers none) receives nothing, not even the login. The reply that could not be forwarded fails on its own while the
 * database answers, so poison isolation dead-letters it as "unrecordable" with the cause: it is not lost.
 */
class ForwardRequiresStartTlsIT {

    @Test
    void aReplyIsNotForwardedToAServerThatDoesNotOfferStartTls() throws Exception {
        int port = DemoMailbox.freePort();
        GreenMail smtp = ForwardNonBounceIT.smtpServer(port);
        try (RunningRebound rebound = RunningRebound.start(TestDatabase.h2(),
                s -> ForwardNonBounceIT.forwarding(s, port, "starttls"))) {
            rebound.mailbox.deliver(TestMail.personalReply());
            RunningRebound.await("the reply dead-lettered", Duration.ofSeconds(30),
                    () -> rebound.mailbox.messageCount() == 0);
            List<String> sidecars;
            try (Stream<Path> files = Files.list(rebound.work.resolve("dead-letter"))) {
                sidecars = files.filter(p -> p.toString().endsWith(".json")).map(TestFiles::read).toList();
            }

            assertEquals(0, smtp.getReceivedMessages().length);
            assertEquals(1, sidecars.size());
            assertTrue(sidecars.get(0).contains("unrecordable") && sidecars.get(0).contains("STARTTLS is required"),
                    sidecars.get(0));
        } finally {
            smtp.stop();
        }
    }

    private static final class TestFiles {
        static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

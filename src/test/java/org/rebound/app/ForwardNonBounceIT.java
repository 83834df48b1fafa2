package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With rebound.non-bounce.policy=forward, a person's reply goes on to a person, attached, and leaves the mailbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardNonBounceIT {

    private GreenMail smtp;
    private RunningRebound rebound;

    @BeforeAll
    void forwardAReply() throws Exception {
        int port = DemoMailbox.freePort();
        smtp = smtpServer(port);
        rebound = RunningRebound.start(TestDatabase.h2(), s -> forwarding(s, port, "none"));
        rebound.mailbox.deliver(TestMail.personalReply());
        RunningRebound.await("the reply forwarded", Duration.ofSeconds(30),
                () -> smtp.getReceivedMessages().length == 1 && rebound.mailbox.messageCount() == 0);
    }

    /** GreenMail's SMTP server, in clear, started on this loopback port. */
    static GreenMail smtpServer(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        return smtp;
    }

    /** Settings that forward what is not a bounce to marketing@sender.example over the SMTP server at this port. */
    static Settings forwarding(Settings s, int port, String security) {
        return s.with("rebound.non-bounce.policy", "forward")
                .with("rebound.non-bounce.forward-to", "marketing@sender.example")
                .with("rebound.smtp.port", Integer.toString(port))
                .with("rebound.smtp.security", security);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
        smtp.stop();
    }

    @Test
    void replyArrivesAttachedToANoteForTheConfiguredAddress() throws Exception {
        MimeMessage note = smtp.getReceivedMessages()[0];
        assertEquals("marketing@sender.example", note.getAllRecipients()[0].toString());
        assertEquals("Fwd: Re: November offers", note.getSubject());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        note.writeTo(raw);
        assertTrue(raw.toString().contains("Content-Type: message/rfc822"), raw.toString());
        assertTrue(raw.toString().contains("could you send me the catalogue on paper?"), raw.toString());
    }

    @Test
    void forwardedReplyIsRememberedAsForwarded() throws Exception {
        assertEquals(List.of("FORWARDED"), rebound.rows("SELECT outcome FROM received_message"));
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;
import org.rebound.correlate.VerpSignature;

/**
 * Anyone can mail the bounce address, and every newsletter recipient sees a Message-ID. A bounce or a complaint
 * changes an address's state, or a sent message's status, only when the sent message it correlates with went to
 * the recipient it names; the others are stored as unproven and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedBounceIT {

    private static final String VERP_SECRET = "the-sending-systems-verp-secret";

    private RunningRebound rebound;

    @BeforeAll
    void receiveForgedAndGenuineMail() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(),
                s -> s.with("rebound.correlation.verp-secret", VERP_SECRET));
        rebound.logSent("known@sender.example", "subscriber@recipient.example", "winter", null);
        rebound.logSent("verp-1@sender.example", "signed@recipient.example", "winter", "tok-1");
        rebound.logSent("verp-2@sender.example", "target@recipient.example", "winter", "tok-2");
        rebound.logSent("genuine@sender.example", "gone@recipient.example", "winter", null);
        rebound.logSent("liked@sender.example", "reader@recipient.example", "winter", null);

        // A forged DSN quoting a real Message-ID for someone who was never sent that message.
        rebound.mailbox.deliver(TestMail.dsn("known@sender.example",
                List.of(new Failure("victim@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        // A forged complaint about the same message, naming another address.
        rebound.mailbox.deliver(complaint("known@sender.example", "victim2@recipient.example"));
        // The genuine ones.
        rebound.mailbox.deliver(TestMail.dsn("genuine@sender.example",
                List.of(new Failure("gone@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        rebound.mailbox.deliver(complaint("liked@sender.example", "reader@recipient.example"));
        // A DSN with no id at all: the recipient-time key is off by default.
        rebound.mailbox.deliver(TestMail.dsn("bounces@bounces.sender.example", "",
                List.of(new Failure("subscriber@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));

        // A VERP token with a signature made up by someone without the secret, and a genuine signed one; neither
        // bounce quotes a Message-ID.
        rebound.mailbox.deliver(TestMail.dsn("bounces+tok-2.0123456789abcdef0123@bounces.sender.example", "",
                List.of(new Failure("target@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        rebound.mailbox.deliver(TestMail.dsn("bounces+tok-1." + new VerpSignature(VERP_SECRET).sign("tok-1",
                        "signed@recipient.example") + "@bounces.sender.example", "",
                List.of(new Failure("signed@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));

        RunningRebound.await("every message handled", Duration.ofSeconds(60),
                () -> rebound.count("SELECT COUNT(*) FROM received_message") == 7);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void aForgedBounceIsStoredAsForAnotherRecipient() throws SQLException {
        assertEquals(List.of("other-recipient"),
                rebound.rows("SELECT verification FROM bounce_event WHERE recipient = 'victim@recipient.example'"));
    }

    @Test
    void aForgedBounceQuarantinesNobody() throws SQLException {
        assertEquals(List.of(), rebound.rows("SELECT state FROM address WHERE address = 'victim@recipient.example'"));
    }

    @Test
    void aForgedBounceLeavesTheRealRecipientsSentMessageAlone() throws SQLException {
        assertEquals(List.of("sent"), rebound.rows(
                "SELECT status FROM sent_message WHERE recipient = 'subscriber@recipient.example'"));
    }

    @Test
    void aForgedComplaintDenylistsNobody() throws SQLException {
        assertEquals(List.of(), rebound.rows("SELECT state FROM address WHERE address = 'victim2@recipient.example'"));
    }

    @Test
    void aGenuineBounceStillQuarantines() throws SQLException {
        assertEquals(List.of("QUARANTINED|proven"), rebound.rows("SELECT a.state || '|' || e.verification "
                + "FROM address a JOIN bounce_event e ON e.event_id = a.last_event_id "
                + "WHERE a.address = 'gone@recipient.example'"));
    }

    @Test
    void aGenuineComplaintStillDenylists() throws SQLException {
        assertEquals(List.of("DENYLISTED"),
                rebound.rows("SELECT state FROM address WHERE address = 'reader@recipient.example'"));
    }

    @Test
    void aBounceWithNoIdIsNotTiedToTheRecipientsLatestMessage() throws SQLException {
        assertEquals(List.of(), rebound.rows(
                "SELECT state FROM address WHERE address = 'subscriber@recipient.example'"));
    }

    @Test
    void aForgedVerpTokenQuarantinesNobody() throws SQLException {
        assertEquals(List.of(), rebound.rows("SELECT state FROM address WHERE address = 'target@recipient.example'"));
    }

    @Test
    void aSignedVerpTokenQuarantines() throws SQLException {
        assertEquals(List.of("QUARANTINED"),
                rebound.rows("SELECT state FROM address WHERE address = 'signed@recipient.example'"));
    }

    /** An ARF complaint (RFC 5965) about the message with this Message-ID, sent to {@code recipient}. */
    private static byte[] complaint(String messageId, String recipient) {
        String text = "From: feedback@isp.example\r\n"
                + "To: bounces@bounces.sender.example\r\n"
                + "Subject: Abuse report\r\n"
                + "Date: Fri, 27 Nov 2026 09:00:00 +0000\r\n"
                + "Message-ID: <arf-" + recipient.hashCode() + "@isp.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"ARF\"\r\n"
                + "\r\n"
                + "--ARF\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "This is an abuse report.\r\n"
                + "--ARF\r\n"
                + "Content-Type: message/feedback-report\r\n"
                + "\r\n"
                + "Feedback-Type: abuse\r\n"
                + "User-Agent: ISP-FBL/1.0\r\n"
                + "Version: 1\r\n"
                + "Original-Rcpt-To: " + recipient + "\r\n"
                + "\r\n"
                + "--ARF\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + "From: News <news@sender.example>\r\n"
                + "To: " + recipient + "\r\n"
                + "Subject: November offers\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "\r\n"
                + "Offers.\r\n"
                + "--ARF--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

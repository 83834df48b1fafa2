package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.dsn.parse.ReportParser;

/**
 * What a report may be read from: statuses only from delivery-status fields and the servers' words (RFC 3464,
 * RFC 5321), never from quoted header fields; recipients never among the sender's own addresses; rows whose
 * result is not a failure never marked failed. One synthetic message per behaviour.
 */
class CleanExtractionTest {

    private final ReportParser parser = new ReportParser();

    private BounceReport parse(String message) throws UnparseableMessageException {
        return parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> recipients(BounceReport report) {
        return report.recipients().stream().map(RecipientStatus::finalRecipient).toList();
    }

    private static RecipientStatus only(BounceReport report) {
        assertEquals(1, report.recipients().size(), () -> "recipients: " + recipients(report));
        return report.recipients().get(0);
    }

    /** A notice that names the recipient, then quotes the original's headers without a marker line. */
    private static String noticeQuoting(String quotedHeaders) {
        return """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@sender.example
                Subject: Undeliverable mail

                The following address failed:

                  user@example.net

                """ + quotedHeaders;
    }

    @Test
    void aQuotedMailmanVersionIsNotAStatus() throws Exception {
        RecipientStatus r = only(parse(noticeQuoting("""
                Received: from lists.sender.example
                X-Mailman-Version: 2.1.12
                From: news@sender.example
                """)));
        assertEquals("user@example.net", r.finalRecipient());
        assertEquals(Action.FAILED, r.action());
        assertNotEquals("2.1.12", r.statusText());
    }

    @Test
    void aQuotedSubjectIsNotAStatus() throws Exception {
        RecipientStatus r = only(parse(noticeQuoting("""
                Subject: Release 5.3.0 is out
                From: news@sender.example
                """)));
        assertNotEquals("5.3.0", r.statusText());
    }

    @Test
    void theServersReplyBesideQuotedHeadersIsTheStatus() throws Exception {
        RecipientStatus r = only(parse(noticeQuoting("""
                Remote host said: 550 5.1.1 No such user
                Subject: Release 5.3.0 is out
                """)));
        assertEquals("5.1.1", r.statusText());
        assertEquals("550", r.replyCode());
    }

    private static String dsn(String recipientFields) {
        return """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@sender.example
                Subject: Delivery Status Notification
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message could not be delivered.
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                """ + recipientFields + """
                --B--
                """;
    }

    @Test
    void aFailedRecipientNeverCarriesASuccessStatus() throws Exception {
        RecipientStatus r = only(parse(dsn("""
                Final-Recipient: rfc822; user@example.net
                Action: failed
                Status: 2.0.0
                Diagnostic-Code: smtp; 550 5.1.1 unknown user
                """)));
        assertEquals("5.1.1", r.statusText());
    }

    @Test
    void aRecipientWithoutActionButWithASuccessStatusWasDelivered() throws Exception {
        RecipientStatus r = only(parse(dsn("""
                Final-Recipient: rfc822; user@example.net
                Status: 2.0.0
                """)));
        assertEquals(Action.DELIVERED, r.action());
        assertEquals("2.0.0", r.statusText());
    }

    @Test
    void anOriginalRecipientIsKeptBesideTheFinalOne() throws Exception {
        RecipientStatus r = only(parse(dsn("""
                Original-Recipient: rfc822; alias@example.net
                Final-Recipient: rfc822; user@example.net
                Action: failed
                Status: 5.1.1
                """)));
        assertEquals("user@example.net", r.finalRecipient());
        assertEquals("alias@example.net", r.originalRecipient());
    }

    @Test
    void postfixsExpandedFromIsTheOriginalRecipient() throws Exception {
        RecipientStatus r = only(parse("""
                From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
                To: bounces@sender.example
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.example.org.

                <user@example.net> (expanded from <alias@example.org>): host mx.example.net[192.0.2.1] said:
                    550 5.1.1 <user@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO
                    command)
                """));
        assertEquals("user@example.net", r.finalRecipient());
        assertEquals("alias@example.org", r.originalRecipient());
        assertFalse(r.diagnostic().contains("expanded from"), r.diagnostic());
    }

    @Test
    void aDsnWithoutRecipientFieldsIsReadFromItsHumanReadablePart() throws Exception {
        RecipientStatus r = only(parse("""
                From: Notifications <notify@mx.example.org>
                To: bounces@sender.example
                Subject: Report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                <user@example.net>: host mx.example.net said: 550 5.1.1 No such user
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org
                Arrival-Date: Mon, 1 Jan 2024 00:00:00 +0000
                --B--
                """));
        assertEquals("user@example.net", r.finalRecipient());
        assertEquals("5.1.1", r.statusText());
    }

    @Test
    void anX400FinalRecipientGivesItsRfc822Address() throws Exception {
        RecipientStatus r = only(parse(dsn("""
                Final-Recipient: x400; /C=US/ADMD= /PRMD=EXAMPLE/RFC-822=user(a)example.net/
                Action: failed
                Status: 5.1.1
                """)));
        assertEquals("user@example.net", r.finalRecipient());
    }

    @Test
    void anExchangeDdaSmtpRecipientGivesItsAddress() throws Exception {
        RecipientStatus r = only(parse(dsn("""
                Final-Recipient: rfc822; dda:SMTP=user@example.net
                Action: failed
                Status: 5.1.1
                """)));
        assertEquals("user@example.net", r.finalRecipient());
    }

    @Test
    void theListAddressOfTheReturnedMessageIsNeverAFailedRecipient() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mx.example.org
                To: list-bounces@lists.sender.example
                Subject: Undeliverable mail

                Your message could not be delivered: the mailbox is unavailable.

                ------ This is a copy of the message, including all the headers. ------
                From: news@sender.example
                To: announce@lists.sender.example
                List-Post: <mailto:announce@lists.sender.example>
                Subject: News
                """);
        assertFalse(recipients(report).contains("announce@lists.sender.example"), () -> "" + recipients(report));
    }

    @Test
    void theSenderANoticeRefusesMailFromIsNotAFailedRecipient() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mx.example.org
                To: bounces@sender.example
                Subject: Delivery Status Notification (Failure)

                Delivery to the following recipient failed permanently:

                     user@example.net

                Technical details of permanent failure:
                The recipient is not accepting mail from
                <news@sender.example>
                """);
        assertEquals(List.of("user@example.net"), recipients(report));
    }

    @Test
    void anAutoReplyIsADeliveryNotAFailure() throws Exception {
        RecipientStatus r = only(parse("""
                From: Person <person@example.net>
                To: bounces@sender.example
                Subject: Out of Office: News
                Auto-Submitted: auto-replied

                I am away until Monday.
                """));
        assertEquals(Action.DELIVERED, r.action());
    }

    @Test
    void aComplaintIsAboutADeliveredMessage() throws Exception {
        RecipientStatus r = only(parse("""
                From: fbl@isp.example
                To: fbl@sender.example
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="B"

                --B
                Content-Type: text/plain

                A complaint.
                --B
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: isp-fbl/1.0
                Version: 1
                Original-Rcpt-To: <person@example.net>
                --B--
                """));
        assertEquals("person@example.net", r.finalRecipient());
        assertEquals(Action.DELIVERED, r.action());
    }
}

package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.dsn.parse.ReportParser;

/** Synthetic messages, one per branch of the parser chain and per robustness rule. */
class ReportParserTest {

    private final ReportParser parser = new ReportParser();

    private BounceReport parse(String message) throws UnparseableMessageException {
        return parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> recipients(BounceReport report) {
        return report.recipients().stream().map(RecipientStatus::finalRecipient).toList();
    }

    private static final String DSN_TWO_RECIPIENTS = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
            To: sender@example.com
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            Your message could not be delivered.
            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org
            Original-Envelope-Id: env-42

            Final-Recipient: rfc822; <One@Example.net>
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.net
            Diagnostic-Code: smtp; 550 5.1.1 <one@example.net>: Recipient address rejected

            Final-Recipient: rfc822; two@example.net
            Action: failed
            Status: 5.0.0
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
            --B
            Content-Type: text/rfc822-headers

            Message-ID: <orig-1@example.com>
            To: one@example.net, two@example.net
            Subject: Hello
            --B--
            """;

    @Test
    void dsnWithTwoRecipientsYieldsTwoRecipients() throws Exception {
        assertEquals(List.of("one@example.net", "two@example.net"), recipients(parse(DSN_TWO_RECIPIENTS)));
    }

    @Test
    void dsnIsKindDsnWithItsReportingMtaAndEnvelopeId() throws Exception {
        BounceReport report = parse(DSN_TWO_RECIPIENTS);
        assertEquals(Kind.DSN, report.kind());
        assertEquals("mx.example.org", report.reportingMta());
        assertEquals("env-42", report.envelopeId());
    }

    @Test
    void dsnCarriesStatusReplyCodeAndRemoteMta() throws Exception {
        RecipientStatus first = parse(DSN_TWO_RECIPIENTS).recipients().get(0);
        assertEquals("5.1.1", first.statusText());
        assertEquals("550", first.replyCode());
        assertEquals("mx.example.net", first.remoteMta());
    }

    @Test
    void specificCodeInDiagnosticRefinesGenericStatusField() throws Exception {
        assertEquals("5.2.2", parse(DSN_TWO_RECIPIENTS).recipients().get(1).statusText());
    }

    @Test
    void originalMessageIdComesFromRfc822Headers() throws Exception {
        assertEquals("orig-1@example.com", parse(DSN_TWO_RECIPIENTS).original().messageId());
    }

    @Test
    void globalDeliveryStatusIsReadLikeDeliveryStatus() throws Exception {
        String global = DSN_TWO_RECIPIENTS.replace("message/delivery-status", "message/global-delivery-status");
        assertEquals(2, parse(global).recipients().size());
    }

    @Test
    void dsnWhoseRecipientsAreAllDelayedIsADelayNotice() throws Exception {
        String delayed = DSN_TWO_RECIPIENTS.replace("Action: failed", "Action: delayed");
        assertEquals(Kind.DELAY_NOTICE, parse(delayed).kind());
    }

    @Test
    void arfComplaintYieldsFeedbackTypeAndComplainedRecipient() throws Exception {
        BounceReport report = parse("""
                From: abuse@isp.example
                To: fbl@example.com
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="A"

                --A
                Content-Type: text/plain

                A complaint.
                --A
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: FBL/1.0
                Version: 1
                Original-Rcpt-To: <Victim@isp.example>
                --A
                Content-Type: message/rfc822

                Message-ID: <sent-9@example.com>
                To: victim@isp.example

                Buy now
                --A--
                """);
        assertEquals(Kind.FEEDBACK_REPORT, report.kind());
        assertEquals("abuse", report.feedbackType());
        assertEquals(List.of("victim@isp.example"), recipients(report));
        assertEquals("sent-9@example.com", report.original().messageId());
    }

    @Test
    void autoSubmittedReplyIsAnAutoReplyFromTheReplier() throws Exception {
        BounceReport report = parse("""
                From: Jane <Jane@example.org>
                To: sender@example.com
                Subject: Re: Hello
                Auto-Submitted: auto-replied
                In-Reply-To: <orig-7@example.com>

                I am away until Monday.
                """);
        assertEquals(Kind.AUTO_REPLY, report.kind());
        assertEquals(List.of("jane@example.org"), recipients(report));
        assertEquals("orig-7@example.com", report.original().messageId());
    }

    @Test
    void outOfOfficeSubjectIsAnAutoReply() throws Exception {
        assertEquals(Kind.AUTO_REPLY, parse("""
                From: bob@example.org
                To: sender@example.com
                Subject: Automatic reply: Hello

                Out of the office.
                """).kind());
    }

    @Test
    void appleMailUnsubscribeRequestIsAnOptOutFromItsSender() throws Exception {
        BounceReport report = parse("""
                From: Bob <bob@example.org>
                To: opt-out-123@lists.example.com
                Subject: unsubscribe
                Auto-Submitted: auto-replied
                X-Apple-Unsubscribe: true

                Apple Mail sent this email to unsubscribe from the message "News".
                """);
        assertEquals(Kind.FEEDBACK_REPORT, report.kind());
        assertEquals("opt-out", report.feedbackType());
        assertEquals(List.of("bob@example.org"), recipients(report));
    }

    @Test
    void postfixNoticeGivesTheSmtpCommandOfEachRecipient() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
                To: sender@example.com
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                This is the mail system at host mx.example.com.

                <a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.2.1 <a@example.org>... User
                    Unknown (in reply to RCPT TO command)

                <b@example.org>: host mx.example.org[192.0.2.1] said: 550 5.2.1 <b@example.org>... User
                    Unknown (in reply to end of DATA command)

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; a@example.org
                Action: failed
                Status: 5.2.1
                Diagnostic-Code: smtp; 550 5.2.1 <a@example.org>... User Unknown

                Final-Recipient: rfc822; b@example.org
                Action: failed
                Status: 5.2.1
                Diagnostic-Code: smtp; 550 5.2.1 <b@example.org>... User Unknown

                --b--
                """);
        assertEquals(List.of(SmtpCommand.RCPT, SmtpCommand.DATA),
                report.recipients().stream().map(RecipientStatus::command).toList());
    }

    @Test
    void tmdaConfirmationRequestIsAChallengeFromTheChallengedRecipient() throws Exception {
        BounceReport report = parse("""
                From: Jane Doe <jane-confirm-1234.abcdef@example.net>
                To: sender@example.com
                Subject: Please confirm your message
                In-Reply-To: <sent-1@example.com>
                X-Delivery-Agent: TMDA/1.1.12 (Macallan)

                This message was created automatically by mail delivery software (TMDA).
                Your message attached below is being held because the address
                <sender@example.com> has not been verified.
                """);
        assertEquals(Kind.CHALLENGE, report.kind());
        assertEquals(List.of("jane@example.net"), recipients(report));
        assertEquals("sent-1@example.com", report.original().messageId());
        assertTrue(report.isBounce(), "a challenge reports on the challenged recipient");
    }

    @Test
    void replyOfAPersonIsAHumanReplyTiedToTheMessageItAnswers() throws Exception {
        BounceReport report = parse("""
                From: Jane Doe <jane@example.net>
                To: bounces@example.com
                Subject: Re: Your order
                In-Reply-To: <sent-2@example.com>
                References: <sent-1@example.com> <sent-2@example.com>

                Thanks, but please send it to my office address.
                """);
        assertEquals(Kind.HUMAN_REPLY, report.kind());
        assertEquals("sent-2@example.com", report.original().messageId());
        assertEquals("<sent-1@example.com> <sent-2@example.com>", report.original().header("references"));
        assertFalse(report.isBounce());
    }

    @Test
    void listMailWithAReplySubjectIsNotAHumanReply() throws Exception {
        BounceReport report = parse("""
                From: Weekly News <news@example.net>
                To: bounces@example.com
                Subject: Re: this week
                List-Id: <news.example.net>
                Precedence: list

                The news.
                """);
        assertEquals(Kind.NOT_A_BOUNCE, report.kind());
    }

    @Test
    void personalReplyIsNotABounce() throws Exception {
        BounceReport report = parse("""
                From: bob@example.org
                To: sender@example.com
                Subject: Re: Hello

                Thanks, see you tomorrow.
                """);
        assertFalse(report.isBounce());
    }

    @Test
    void qmailNoticeNamesEachRecipientWithItsDiagnostic() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mail.example.org
                To: sender@example.com
                Subject: failure notice

                Hi. This is the qmail-send program at mail.example.org.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <gone@example.net>:
                192.0.2.1 does not like recipient.
                Remote host said: 550 5.1.1 <gone@example.net>... User Unknown

                --- Below this line is a copy of the message.

                Message-ID: <q-1@example.com>
                To: gone@example.net
                """);
        assertEquals(Kind.NON_STANDARD_BOUNCE, report.kind());
        RecipientStatus r = report.recipients().get(0);
        assertEquals("gone@example.net", r.finalRecipient());
        assertEquals("5.1.1", r.statusText());
        assertEquals("550", r.replyCode());
        assertEquals("q-1@example.com", report.original().messageId());
    }

    @Test
    void qmailNoticeIsReadByTheParserItsEvidenceSelects() throws Exception {
        assertEquals("qmail", qmailNotice().parser());
    }

    @Test
    void noticeThatIntroducesItsHostGivesTheReportingMta() throws Exception {
        assertEquals("mail.example.org", qmailNotice().reportingMta());
    }

    private BounceReport qmailNotice() throws UnparseableMessageException {
        return parse("""
                From: MAILER-DAEMON@mail.example.org
                To: sender@example.com
                Subject: failure notice

                Hi. This is the qmail-send program at mail.example.org.

                <gone@example.net>:
                Sorry, no mailbox here by that name. (#5.1.1)
                """);
    }

    @Test
    void unknownMtaFromAMailSystemIsReadByTheGenericParser() throws Exception {
        BounceReport report = parse("""
                From: Mail Administrator <postmaster@unheard-of.example>
                To: sender@example.com
                Subject: Delivery problem

                Could not deliver to the following recipient:
                    lost@example.net
                Reason: mailbox unavailable (in reply to RCPT TO command)
                """);
        assertEquals("generic", report.parser());
        assertEquals(List.of("lost@example.net"), recipients(report));
        assertEquals("5.0.911", report.recipients().get(0).statusText());
    }

    @Test
    void eximFailedRecipientsHeaderNamesTheRecipients() throws Exception {
        BounceReport report = parse("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: sender@example.com
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: a@example.net, b@example.net
                Auto-Submitted: auto-replied

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  a@example.net
                    SMTP error from remote mail server after RCPT TO:<a@example.net>:
                    host mx.example.net [192.0.2.2]: 550 5.1.1 unknown user
                  b@example.net
                    SMTP error from remote mail server after RCPT TO:<b@example.net>:
                    host mx.example.net [192.0.2.2]: 452 4.2.2 mailbox full
                """);
        assertEquals(List.of("a@example.net", "b@example.net"), recipients(report));
        assertEquals("4.2.2", report.recipients().get(1).statusText());
    }

    @Test
    void sendmailTranscriptLineNamesTheRecipient() throws Exception {
        BounceReport report = parse("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>
                To: sender@example.com
                Subject: Returned mail: User unknown

                   ----- Transcript of session follows -----
                550 5.1.1 <nobody@example.net>... User unknown
                   ----- Unsent message follows -----
                To: nobody@example.net
                """);
        assertEquals(List.of("nobody@example.net"), recipients(report));
        assertEquals("5.1.1", report.recipients().get(0).statusText());
    }

    @Test
    void wordingWithoutCodeYieldsDerivedStatus() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@example.org
                To: sender@example.com
                Subject: Undeliverable

                <full@example.net>:
                Sorry, the mailbox is full.
                """);
        assertEquals("5.0.922", report.recipients().get(0).statusText());
    }

    @Test
    void amazonSesJsonBounceIsRead() throws Exception {
        BounceReport report = parse("""
                From: no-reply@sns.amazonaws.com
                To: ops@example.com
                Subject: AWS Notification Message

                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"x@example.net","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},"mail":{"messageId":"ses-1"}}
                """);
        assertEquals(List.of("x@example.net"), recipients(report));
        assertEquals("5.1.1", report.recipients().get(0).statusText());
    }

    @Test
    void bounceForwardedAsAttachmentIsReadFromTheAttachment() throws Exception {
        String forwarded = """
                From: colleague@example.com
                To: bounces@example.com
                Subject: Fwd: bounce
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="F"

                --F
                Content-Type: text/plain

                See below.
                --F
                Content-Type: message/rfc822

                """ + DSN_TWO_RECIPIENTS.replace("boundary=\"B\"", "boundary=\"B2\"").replace("--B", "--B2") + "\n--F--\n";
        assertEquals(2, parse(forwarded).recipients().size());
    }

    @Test
    void crOnlyLineEndsAreRead() throws Exception {
        byte[] raw = DSN_TWO_RECIPIENTS.replace("\n", "\r").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("one@example.net", "two@example.net"), recipients(parser.parse(raw)));
    }

    @Test
    void eightBitHeadersAreRead() throws Exception {
        byte[] raw = ("From: MAILER-DAEMON@example.org\nSubject: Unzustellbar: Grüße \u00ff\nTo: s@example.com\n\n"
                + "<a@example.net>: 550 5.1.1 no such user\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("5.1.1", parser.parse(raw).recipients().get(0).statusText());
    }

    @Test
    void truncatedMultipartIsReadAsFarAsItGoes() throws Exception {
        String truncated = DSN_TWO_RECIPIENTS.substring(0, DSN_TWO_RECIPIENTS.indexOf("Final-Recipient: rfc822; two"));
        assertEquals(List.of("one@example.net"), recipients(parse(truncated)));
    }

    @Test
    void emptyInputIsUnparseable() {
        UnparseableMessageException e = assertThrows(UnparseableMessageException.class,
                () -> parser.parse(new byte[0]));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void inputWithoutHeaderFieldsIsUnparseable() {
        assertThrows(UnparseableMessageException.class,
                () -> parser.parse("\r\n\r\njust text\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void partOverTheCapIsUnparseableWithTheCapInTheReason() {
        ReportParser small = new ReportParser(1024, ReportParser.DEFAULT_MAX_RECIPIENTS);
        String big = "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"Z\"\n\n--Z\n"
                + "Content-Type: text/plain\n\n" + "x".repeat(900) + "\n--Z\nContent-Type: text/plain\n\n" + "y".repeat(5)
                + "\n--Z--\n";
        UnparseableMessageException e = assertThrows(UnparseableMessageException.class,
                () -> small.parse(big.replace("x".repeat(900), "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("cap of 1024 bytes"), e.getMessage());
    }

    @Test
    void nestingDeeperThanTheLimitIsUnparseable() {
        StringBuilder m = new StringBuilder("From: a@example.org\n");
        int depth = ReportParser.MAX_DEPTH + 5;
        for (int i = 0; i < depth; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        m.append("Content-Type: text/plain\n\nhi\n");
        UnparseableMessageException e = assertThrows(UnparseableMessageException.class,
                () -> parser.parse(m.toString().getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }
}

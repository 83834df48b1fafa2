package org.rebound.app;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Returned messages built for tests, in the standard formats any parser must read. */
final class TestMail {

    private TestMail() {
    }

    /** One failed recipient of a DSN: address, RFC 3463 status, and the remote server's words. */
    record Failure(String recipient, String status, String diagnostic) {
    }

    /**
     * An RFC 3464 delivery status notification (multipart/report; report-type=delivery-status) with the original
     * message's headers attached as text/rfc822-headers (RFC 6522).
     */
    static byte[] dsn(String originalMessageId, List<Failure> failures) {
        return dsn("bounces@bounces.sender.example",
                "Message-ID: <" + originalMessageId + ">\r\n", failures);
    }

    /**
     * A DSN sent back to {@code bounceTo} (a VERP address carries a token), whose attached headers are the given
     * lines: a Domino-style bounce keeps no Message-ID, and may keep a campaign header.
     */
    static byte[] dsn(String bounceTo, String originalHeaderLines, List<Failure> failures) {
        StringBuilder perRecipient = new StringBuilder();
        for (Failure f : failures) {
            perRecipient.append("\r\nFinal-Recipient: rfc822; ").append(f.recipient()).append("\r\n")
                    .append("Action: failed\r\n")
                    .append("Status: ").append(f.status()).append("\r\n")
                    .append("Remote-MTA: dns; mx.recipient.example\r\n")
                    .append("Diagnostic-Code: smtp; ").append(f.diagnostic()).append("\r\n");
        }
        String text = "Return-Path: <>\r\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mx.sender.example>\r\n"
                + "To: " + bounceTo + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Date: Fri, 27 Nov 2026 08:00:00 +0000\r\n"
                + "Message-ID: <dsn-" + Integer.toHexString((bounceTo + originalHeaderLines + failures).hashCode())
                + "@mx.sender.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"\r\n"
                + "\r\n"
                + "--BOUNDARY\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is the mail system at host mx.sender.example.\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
                + "\r\n"
                + "--BOUNDARY\r\n"
                + "Content-Type: message/delivery-status\r\n"
                + "\r\n"
                + "Reporting-MTA: dns; mx.sender.example\r\n"
                + "Arrival-Date: Fri, 27 Nov 2026 07:59:58 +0000\r\n"
                + perRecipient
                + "\r\n"
                + "--BOUNDARY\r\n"
                + "Content-Type: text/rfc822-headers\r\n"
                + "\r\n"
                + "From: News <news@sender.example>\r\n"
                + "To: " + failures.get(0).recipient() + "\r\n"
                + "Subject: November offers\r\n"
                + originalHeaderLines
                + "\r\n"
                + "--BOUNDARY--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A person's answer to a newsletter, sent to the bounce address: not a bounce. */
    static byte[] personalReply() {
        String text = "From: Alice <alice@customer.example>\r\n"
                + "To: bounces@bounces.sender.example\r\n"
                + "Subject: Re: November offers\r\n"
                + "Date: Fri, 27 Nov 2026 08:10:00 +0000\r\n"
                + "Message-ID: <reply-1@customer.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "Thanks, but could you send me the catalogue on paper?\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package org.rebound.dsn.mta;

import java.util.List;

import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.mime.Headers;

/**
 * The reporting MTAs whose notices {@link MarkedNoticeParser} reads, each with the evidence that selects it and the
 * markers of its layout, as its Sisimai module (lib/Sisimai/Lhost/NAME.pm) documents them: the headers it checks
 * before reading, the line its reading starts at, and the lines it takes recipients and reasons from.
 */
final class MarkedNoticeFormats {

    private MarkedNoticeFormats() {
    }

    static final List<MtaParsers.Entry> ALL = List.of(
            // Activehunter.pm: an X-AHMailID header; recipients on ">>> " lines under the permanent-errors heading.
            new MtaParsers.Entry(m -> m.headers().has("x-ahmailid"), new MarkedNoticeParser("activehunter",
                    new MarkedNoticeParser.Markers("----- The following addresses had permanent fatal errors -----",
                            "", ">>> ", ""))),
            // ApacheJames.pm: a "[BOUNCE]" subject or a JavaMail Message-ID; James's mailets (AbstractNotify.java)
            // write "Error message below:" over the reason and "RCPT TO: address" among the message details.
            new MtaParsers.Entry(MarkedNoticeFormats::isApacheJames, new MarkedNoticeParser("apachejames",
                    new MarkedNoticeParser.Markers("", "", "RCPT TO:", "Error message below:"))),
            // Biglobe.pm: postmaster of BIGLOBE's domains, "Returned mail:" subjects; the reason under
            // "----- Non-delivered information -----".
            new MtaParsers.Entry(MarkedNoticeFormats::isBiglobe, new MarkedNoticeParser("biglobe",
                    new MarkedNoticeParser.Markers("----- The following addresses had delivery problems -----", "",
                            "", "----- Non-delivered information -----"))),
            // InterScanMSS.pm: sender "InterScan MSS" or "InterScan Notification", or one of its subjects; the
            // session transcript's "Sent <<< RCPT TO:<a>" names the recipient, "Received >>> 550 ..." the reply.
            new MtaParsers.Entry(MarkedNoticeFormats::isInterScan, new MarkedNoticeParser("interscanmss",
                    new MarkedNoticeParser.Markers("", "", "Sent <<< RCPT TO:", ""))),
            // MailFoundry.pm: subject "Message delivery has failed", a Received header naming MAILFOUNDRY.
            new MtaParsers.Entry(MarkedNoticeFormats::isMailFoundry, new MarkedNoticeParser("mailfoundry",
                    new MarkedNoticeParser.Markers("Unable to deliver message to:", "", "Unable to deliver message to:",
                            "Delivery failed for the following reason:"))),
            // MailMarshalSMTP.pm: subject 'Undeliverable Mail: "...'; the reason under "Could not be delivered
            // because of", the recipients under "The following recipients were affected:".
            new MtaParsers.Entry(m -> m.subjectLower().startsWith("undeliverable mail: \""),
                    new MarkedNoticeParser("mailmarshalsmtp", new MarkedNoticeParser.Markers(
                            "Your message:", "Additional Information", "",
                            "Could not be delivered because of"))),
            // MessagingServer.pm (Sun/Oracle Communications Messaging Server): a multipart boundary "Boundary_(ID_"
            // or a "Delivery Notification: " subject; after "This report relates to a message you sent", each
            // recipient on a "Recipient address:" line, its "Reason:" and "Diagnostic code:" lines after it. Its
            // reports with a delivery-status part are read by the RFC 3464 parser first.
            new MtaParsers.Entry(m -> m.subjectLower().startsWith("delivery notification: ")
                    || m.headers().first("content-type").contains("Boundary_(ID_"),
                    new MarkedNoticeParser("messagingserver", new MarkedNoticeParser.Markers(
                            "This report relates to a message you sent", "", "Recipient address:", ""))),
            // Postfix.pm: the SMTP server's notice to the postmaster (smtpd's notify_classes), subject "Postfix SMTP
            // server: errors from HOST": a session transcript in which "In:  RCPT TO:<a>" names the recipient and a
            // later "Out: 451 ..." is the reply that failed.
            new MtaParsers.Entry(m -> m.subjectLower().contains("smtp server: errors from "),
                    new MarkedNoticeParser("postfix", new MarkedNoticeParser.Markers("Transcript of session follows",
                            "", "In:  RCPT TO:", ""))),
            // X1.pm: subject "Returned Mail: ", sender "Mail Deliver System"; "address [reason]" lines.
            new MtaParsers.Entry(m -> m.subjectLower().startsWith("returned mail: ")
                    && m.fromLower().startsWith("\"mail deliver system\""), new MarkedNoticeParser("x1",
                    new MarkedNoticeParser.Markers("The original message was received at ", "", "", ""))),
            // X2.pm: from a MAILER-DAEMON or a "Delivery failure" subject, and the module reads only from
            // "Unable to deliver message to the following address" to "--- Original message follows.".
            new MtaParsers.Entry(MarkedNoticeFormats::isX2, new MarkedNoticeParser("x2",
                    new MarkedNoticeParser.Markers("Unable to deliver message to the following address",
                            "--- Original message follows.", "", ""))),
            // X3.pm: sender "Mail Delivery System", subject "Delivery status notification"; "  * address" lines,
            // the reason under "Technical details:".
            new MtaParsers.Entry(m -> m.fromLower().startsWith("mail delivery system")
                    && m.subjectLower().startsWith("delivery status notification")
                    && m.text().contains("This is an automatically generated Delivery Status Notification."),
                    new MarkedNoticeParser("x3", new MarkedNoticeParser.Markers(
                            "This is an automatically generated Delivery Status Notification.", "", "* ",
                            "Technical details:"))),
            // X6.pm: subject "There was an error sending your mail"; each failure on one line after "The following
            // recipients returned permanent errors: ".
            new MtaParsers.Entry(m -> m.subjectLower().startsWith("there was an error sending your mail"),
                    new MarkedNoticeParser("x6", new MarkedNoticeParser.Markers(
                            "We had trouble delivering your message. Full details follow:",
                            "The attachment contains the original mail headers",
                            "The following recipients returned permanent errors:", ""))));

    /** Two of the module's three marks; its third, a Received header of "JAMES SMTP Server", is left unread. */
    private static boolean isApacheJames(ReturnedMail mail) {
        return mail.subjectLower().equals("[bounce]") || mail.headers().first("message-id").contains(".JavaMail.");
    }

    private static boolean isBiglobe(ReturnedMail mail) {
        String from = mail.fromAddress();
        return from.startsWith("postmaster@") && mail.subjectLower().startsWith("returned mail:")
                && (from.endsWith("@biglobe.ne.jp") || from.endsWith("@inacatv.ne.jp") || from.endsWith("@tmtv.ne.jp")
                || from.endsWith("@ttv.ne.jp"));
    }

    private static boolean isInterScan(ReturnedMail mail) {
        String from = mail.fromLower();
        String subject = mail.subjectLower();
        return from.startsWith("\"interscan mss\"") || from.startsWith("\"interscan notification\"")
                || subject.equals("mail could not be delivered") || subject.equals("メッセージを配信できません。")
                || subject.equals("メール配信に失敗しました");
    }

    private static boolean isMailFoundry(ReturnedMail mail) {
        return mail.subjectLower().equals("message delivery has failed")
                && receivedContains(mail.headers(), "(MAILFOUNDRY) id");
    }

    private static boolean isX2(ReturnedMail mail) {
        String subject = mail.subjectLower();
        return (mail.fromLower().contains("mailer-daemon@") || subject.startsWith("delivery failure")
                || subject.startsWith("failure delivery") || subject.startsWith("failed delivery"))
                && mail.text().contains("Unable to deliver message to the following address");
    }

    private static boolean receivedContains(Headers headers, String text) {
        for (Headers.Field f : headers.fields()) {
            if (f.name().equals("received") && f.value().contains(text)) {
                return true;
            }
        }
        return false;
    }
}

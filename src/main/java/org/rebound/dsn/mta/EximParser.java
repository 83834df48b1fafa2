package org.rebound.dsn.mta;

import java.util.List;
import java.util.Locale;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.DeliveryStatusFields;
import org.rebound.dsn.ReplyCode;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.mime.Headers;
import org.rebound.dsn.mime.MimePart;
import org.rebound.dsn.phrase.PhraseBook;
import org.rebound.text.Whitespace;

/**
 * Exim's bounces (after Sisimai's lib/Sisimai/Lhost/Exim.pm and Exim's spec, chapter "Bounce and warning
 * messages"): X-Failed-Recipients, "The following address(es) failed:", each address indented on its own line
 * followed by the remote server's words, then "------ This is a copy of the message, including all the headers.
 * ------". cPanel's Exim adds its own sentences. Exim 4.9x also attaches a message/delivery-status part, whose
 * Status field states the code. GMX and Mail.ru run Exim's format under their own names (Sisimai's GMX.pm and
 * MailRu.pm), without Exim's rule for the class of a code-less failure.
 */
final class EximParser extends NoticeParser {

    /** Whose sentences the parsers of Exim's format read from rules/phrases/mta-wording.yaml. */
    private static final String WORDING = "exim";

    private final String name;
    private final boolean eximClasses;

    EximParser() {
        this("exim", true);
    }

    /**
     * @param name        the parser's name
     * @param eximClasses whether Exim's own class rule applies: a failure with no code at all that Exim gave up on
     *                    after retrying (expired, mailbox full) was made of temporary errors, class 4 (Exim.pm)
     */
    EximParser(String name, boolean eximClasses) {
        this.name = name;
        this.eximClasses = eximClasses;
    }

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().has("x-failed-recipients")
                || mail.text().contains("This message was created automatically by mail delivery software.")
                || eximHeaders(mail) >= 2;
    }

    /**
     * How many of the headers Exim writes on its own notices the message has, as Exim.pm counts them: a From of
     * "Mail Delivery System", a Message-ID made of an Exim message id (three groups joined by '-', the spec's
     * "Message identification": 6-6-2 characters, 6-11-4 since Exim 4.97), and a subject of one of Exim's notices
     * (its "Mail delivery failed", "Mail failure - ..." for a malformed address, "Message frozen", "Warning:
     * message ... delayed", "error(s) in forwarding or filtering").
     */
    private static int eximHeaders(ReturnedMail mail) {
        int found = mail.fromLower().startsWith("mail delivery system") ? 1 : 0;
        String subject = mail.subjectLower();
        for (String notice : EXIM_SUBJECTS) {
            if (subject.contains(notice)) {
                found++;
                break;
            }
        }
        if (found == 1 && isEximMessageId(mail.headers().first("message-id"))) {
            found++;
        }
        return found;
    }

    private static final List<String> EXIM_SUBJECTS = List.of("mail delivery failed", "mail failure",
            "message frozen", "warning: message ", "error(s) in forwarding or filtering");

    /** "&lt;1aBcDe-000abc-XY@host&gt;": the local part's groups, between '&lt;' (if any) and '@'. */
    private static boolean isEximMessageId(String field) {
        int start = field.indexOf('<') + 1;
        int at = field.indexOf('@', start);
        int first = field.indexOf('-', start);
        int second = first < 0 ? -1 : field.indexOf('-', first + 1);
        if (at < 0 || second < 0 || second > at || field.indexOf('-', second + 1) < at
                && field.indexOf('-', second + 1) >= 0) {
            return false;
        }
        int a = first - start;
        int b = second - first - 1;
        int c = at - second - 1;
        return a == 6 && ((b == 6 && c == 2) || (b == 11 && c == 4));
    }

    /** GMX (Sisimai's GMX.pm): its own anti-spam header. */
    static boolean isGmx(ReturnedMail mail) {
        return mail.headers().has("x-gmx-antispam") && recognises(mail);
    }

    /** Mail.ru (Sisimai's MailRu.pm): its mailer-daemon, which Exim.pm leaves to MailRu.pm. */
    static boolean isMailRu(ReturnedMail mail) {
        String from = mail.fromAddress();
        return from.startsWith("mailer-daemon@") && from.endsWith("mail.ru") && recognises(mail);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The Status field of the attached delivery-status part when there is one (Exim.pm reads it first); else the
     * code of Exim's own sentence, whose class is the reply code's when the server gave one.
     */
    @Override
    protected String statusFor(ReturnedMail mail, String recipient, String diagnostic) {
        String stated = statedStatus(mail, recipient);
        if (!stated.isEmpty()) {
            return stated;
        }
        SmtpCommand command = SmtpCommand.find(diagnostic);
        if (command == SmtpCommand.EHLO || command == SmtpCommand.MAIL) {
            return ""; // a refused greeting or sender says nothing of the recipient: the shared rules decide
        }
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        String worded = ownWording(diagnostic, PhraseBook.shipped().wording(WORDING));
        if (worded.isEmpty()) {
            return "";
        }
        // The sentence gives the detail (X.0.9NN); the class comes from the reply or Exim's retry rule below.
        int detail = Integer.parseInt(worded.substring(worded.lastIndexOf('.') + 1));
        String reply = ReplyCode.find(Whitespace.SPACE_AND_CONTROLS.collapse(diagnostic));
        int statusClass;
        if (reply.startsWith("4") || reply.startsWith("5")) {
            statusClass = reply.charAt(0) - '0';
        } else if (eximClasses) {
            statusClass = detail == 947 || detail == 922 ? 4 : 5;
        } else {
            statusClass = lower.contains("temporar") || lower.contains("persistent") ? 4 : 5;
        }
        return statusClass + ".0." + detail;
    }

    /** The Status of the delivery-status part's block about this recipient, or of its only block; else empty. */
    private static String statedStatus(ReturnedMail mail, String recipient) {
        for (MimePart p : mail.mime().parts()) {
            if (!p.mediaType().equals("message/delivery-status")) {
                continue;
            }
            List<Headers> blocks = DeliveryStatusFields.parse(p.text()).recipients();
            for (Headers b : blocks) {
                if (Addresses.fromTypedField(b.first("final-recipient")).equals(recipient)) {
                    return b.first("status");
                }
            }
            return blocks.size() == 1 ? blocks.get(0).first("status") : "";
        }
        return "";
    }
}

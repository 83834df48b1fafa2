package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.Action;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.DeliveryStatusFields;
import org.rebound.dsn.Kind;
import org.rebound.dsn.format.RecipientFacts;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.dsn.mime.Headers;
import org.rebound.dsn.mime.MimePart;

/**
 * Standard delivery status notifications: multipart/report with a message/delivery-status part (RFC 3464) or a
 * message/global-delivery-status part (RFC 6533). A report whose recipients are all "delayed" is a delay notice.
 * Where a recipient block has no Diagnostic-Code, the human-readable part's words about that recipient serve.
 */
public final class Rfc3464Parser implements FormatParser {

    @Override
    public String name() {
        return "rfc3464";
    }

    /** The delivery-status part, if the message has one. */
    static Optional<MimePart> statusPart(ReturnedMail mail) {
        for (MimePart p : mail.mime().parts()) {
            String t = p.mediaType();
            if (t.equals("message/delivery-status") || t.equals("message/global-delivery-status")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the main text carries delivery-status fields itself (a multipart/report whose boundaries are missing,
     * or MTAs such as Amazon WorkMail that paste the fields into the notice): the index of the first field, or -1.
     */
    static int inlineFieldsStart(ReturnedMail mail) {
        String text = mail.text();
        if (!(text.contains("ecipient:") || text.contains("ECIPIENT:") || text.contains("eporting-")
                || text.contains("EPORTING-"))) {
            return -1; // cheap test first: the pattern below scans every line
        }
        Matcher m = INLINE_FIELDS.matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static final Pattern INLINE_FIELDS = Pattern.compile(
            "(?im)^(?:reporting-mta|final-recipient|original-recipient):[ \\t]*\\w+[ \\t]*;");

    /** True when the message carries delivery-status fields, in a part of their own or in its text. */
    public static boolean hasStatusFields(ReturnedMail mail) {
        return statusPart(mail).isPresent() || inlineFieldsStart(mail) >= 0;
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        return parse(mail, name(), NO_OWN_STATUS);
    }

    private static final Function<String, String> NO_OWN_STATUS = diagnostic -> "";

    /**
     * Reads the delivery-status fields as a reporting MTA that writes them its own way: ownStatus gives the status
     * the MTA's fixed wording of a diagnostic states (empty if none), used where a recipient has no Status field.
     */
    public static Optional<BounceReport> parse(ReturnedMail mail, String parserName,
                                               Function<String, String> ownStatus) {
        Optional<MimePart> part = statusPart(mail);
        if (part.isPresent()) {
            Optional<BounceReport> r = read(mail, DeliveryStatusFields.parse(part.get().text()), parserName,
                    ownStatus);
            if (r.isPresent()) {
                return r;
            }
        }
        int start = inlineFieldsStart(mail);
        if (start < 0) {
            return Optional.empty();
        }
        String text = mail.text();
        int end = NoticeText.originalStart(text.substring(start)) + start;
        return read(mail, DeliveryStatusFields.parse(text.substring(start, end)), parserName, ownStatus);
    }

    /** Turns delivery-status fields into a report; shared with the MTAs that write such fields as plain text. */
    static Optional<BounceReport> read(ReturnedMail mail, DeliveryStatusFields fields, String parserName) {
        return read(mail, fields, parserName, NO_OWN_STATUS);
    }

    private static Optional<BounceReport> read(ReturnedMail mail, DeliveryStatusFields fields, String parserName,
                                               Function<String, String> ownStatus) {
        if (fields.recipients().isEmpty()) {
            return Optional.empty();
        }
        List<NoticeText.Block> notice = null;
        String noticeText = "";
        List<RecipientStatus> recipients = new ArrayList<>();
        for (Headers r : fields.recipients()) {
            String finalRecipient = r.first("final-recipient");
            String finalAddress = org.rebound.dsn.Addresses.fromTypedField(finalRecipient);
            if (finalAddress.indexOf('@') < 0) {
                finalRecipient = r.has("x-actual-recipient") ? r.first("x-actual-recipient")
                        : r.first("original-recipient");
                finalAddress = org.rebound.dsn.Addresses.fromTypedField(finalRecipient);
            }
            if (finalAddress.indexOf('.', finalAddress.indexOf('@') + 1) < 0 && r.has("original-recipient")) {
                // "@relay:user@host" source routes and bare host names (Sun ONE Messaging Server): the
                // Original-Recipient is the address the sender knows.
                finalRecipient = r.first("original-recipient");
            }
            String diagnostic = org.rebound.dsn.mime.Iso2022Jp.decode(typedValue(r.first("diagnostic-code")));
            SmtpCommand command = SmtpCommand.find(diagnostic);
            String wordsAbout = "";
            if (diagnostic.isEmpty() || command == SmtpCommand.UNKNOWN) {
                if (notice == null) {
                    noticeText = NoticeText.notice(mail.text());
                    notice = NoticeText.blocks(noticeText);
                }
                String words = wordsAbout(notice, finalRecipient);
                wordsAbout = words;
                diagnostic = diagnostic.isEmpty() ? words : diagnostic;
                command = SmtpCommand.inTranscript(noticeText, org.rebound.dsn.Addresses.fromTypedField(finalRecipient));
                if (command == SmtpCommand.UNKNOWN) {
                    // Postfix writes "(in reply to RCPT TO command)" after each recipient's reply.
                    command = SmtpCommand.find(words);
                }
            }
            String statusField = r.first("status");
            // Action is required (RFC 3464 section 2.3.3); where it is missing, a success status (class 2, RFC 3463)
            // says the message was delivered, anything else that it failed.
            Action action = Action.parse(r.first("action")).orElseGet(() -> StatusCode.find(statusField)
                    .filter(c -> c.statusClass() == 2).isPresent() ? Action.DELIVERED : Action.FAILED);
            String status = statusField.isBlank() ? ownStatus.apply(diagnostic) : statusField;
            // Where the DSN gives no Original-Recipient, Postfix's notice may say whom the recipient was
            // expanded from (an alias or forward): the address the sender knows.
            String original = r.first("original-recipient");
            if (original.isEmpty() && !wordsAbout.isEmpty()) {
                original = NoticeText.expandedFrom(wordsAbout);
            }
            if (diagnostic.equals(wordsAbout)) {
                diagnostic = NoticeText.withoutExpandedFrom(diagnostic);
            }
            recipients.add(RecipientFacts.of(finalRecipient, original, action, status,
                    diagnostic, typedValue(r.first("remote-mta")), r.first("last-attempt-date"), command));
        }
        recipients.removeIf(r -> r.finalRecipient().isEmpty());
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        boolean allDelayed = recipients.stream().allMatch(r -> r.action() == Action.DELAYED);
        return Optional.of(new BounceReport(allDelayed ? Kind.DELAY_NOTICE : Kind.DSN, parserName,
                typedValue(fields.perMessage().first("reporting-mta")),
                typedValue(fields.perMessage().first("original-envelope-id")), mail.returnPath(), "",
                mail.original(), recipients));
    }

    private static String wordsAbout(List<NoticeText.Block> notice, String recipient) {
        String address = org.rebound.dsn.Addresses.fromTypedField(recipient);
        for (NoticeText.Block b : notice) {
            if (b.recipient().equals(address)) {
                return b.diagnostic();
            }
        }
        return "";
    }

    /** RFC 3464 fields such as Diagnostic-Code are "type; value": keep the value. */
    static String typedValue(String field) {
        int semicolon = field.indexOf(';');
        return (semicolon >= 0 ? field.substring(semicolon + 1) : field).trim();
    }
}

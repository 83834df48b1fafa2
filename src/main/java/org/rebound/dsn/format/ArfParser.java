package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.mime.Headers;
import org.rebound.dsn.mime.MimePart;

/**
 * Complaints in the Abuse Reporting Format (RFC 5965): a message/feedback-report part names the Feedback-Type and
 * the complained-about recipients (Original-Rcpt-To; else the To of the attached original). Also reads the
 * complaints Microsoft's JMRP sends without a feedback-report part ("complaint about message from ..."), whose
 * only evidence is the attached original.
 */
public final class ArfParser implements FormatParser {

    @Override
    public String name() {
        return "arf";
    }

    public static boolean recognises(ReturnedMail mail) {
        return mail.mime().first("message/feedback-report").isPresent()
                || mail.subjectLower().contains("complaint about message from");
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        Optional<MimePart> part = mail.mime().first("message/feedback-report");
        Headers report = part.map(p -> Headers.parse(p.text())).orElse(Headers.EMPTY);
        String feedbackType = report.first("feedback-type").toLowerCase(Locale.ROOT);
        if (feedbackType.isEmpty()) {
            feedbackType = "abuse";
        }
        List<String> complained = new ArrayList<>();
        for (Headers.Field f : report.fields()) {
            if (f.name().equals("original-rcpt-to") || f.name().equals("removal-recipient")) {
                complained.addAll(Addresses.all(f.value()));
            }
        }
        if (complained.isEmpty()) {
            complained.addAll(Addresses.all(mail.original().header("to")));
        }
        if (complained.isEmpty()) {
            return Optional.empty();
        }
        List<RecipientStatus> recipients = new ArrayList<>();
        for (String address : complained) {
            recipients.add(complaint(address));
        }
        return Optional.of(new BounceReport(Kind.FEEDBACK_REPORT, name(), report.first("reporting-mta"), "",
                mail.returnPath(), feedbackType, mail.original(), recipients));
    }

    /**
     * A complaint is about a message that was delivered (RFC 5965 section 1): its action is "delivered" and it has
     * no delivery status. What the complaint means for the address is the classifier's "feedback", not a failure.
     */
    static RecipientStatus complaint(String address) {
        return new RecipientStatus(address, "", Action.DELIVERED, Optional.empty(), "", "", "", "",
                SmtpCommand.UNKNOWN);
    }
}

package org.rebound.dsn.format;

import java.util.List;
import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;

/**
 * Automatic replies such as out-of-office notices: RFC 3834's Auto-Submitted: auto-replied, and the common
 * non-standard markers (X-Autoreply, X-Autorespond, Precedence: auto_reply, "Automatic reply:"/"Out of Office"
 * subjects). The replying address is the one recipient; its In-Reply-To names the message it answers.
 */
public final class AutoReplyParser implements FormatParser {

    private static final List<String> SUBJECT_MARKERS = List.of("out of office", "out of the office",
            "automatic reply", "auto reply", "autoreply", "auto-reply", "auto response", "autoresponse",
            "auto-response", "away from", "vacation", "away until", "on leave", "abwesenheit",
            "abwesenheitsnotiz", "réponse automatique", "risposta automatica", "respuesta automática",
            "automatisch antwoord", "自動応答", "不在");

    @Override
    public String name() {
        return "rfc3834";
    }

    public static boolean recognises(ReturnedMail mail) {
        var h = mail.headers();
        String autoSubmitted = h.first("auto-submitted").toLowerCase(java.util.Locale.ROOT);
        if (autoSubmitted.startsWith("auto-replied")) {
            return true;
        }
        if (h.has("x-autoreply") || h.has("x-autorespond") || h.has("x-autoresponder")
                || h.first("precedence").equalsIgnoreCase("auto_reply")
                || h.first("x-precedence").equalsIgnoreCase("auto_reply")) {
            return true;
        }
        String subject = mail.subjectLower();
        if (subject.startsWith("auto:")) {
            return true;
        }
        for (String marker : SUBJECT_MARKERS) {
            if (subject.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        String from = mail.fromAddress();
        if (from.isEmpty()) {
            return Optional.empty();
        }
        String inReplyTo = Addresses.messageId(mail.headers().first("in-reply-to"));
        OriginalMessage original = mail.original();
        if (!inReplyTo.isEmpty() && original.messageId().isEmpty()) {
            original = new OriginalMessage(inReplyTo, original.headers());
        }
        // An automatic reply is sent on delivery (RFC 3834 section 2): the message reached the replier.
        RecipientStatus replier = new RecipientStatus(from, "", Action.DELIVERED, Optional.empty(), "", "", "", "",
                SmtpCommand.UNKNOWN);
        return Optional.of(new BounceReport(Kind.AUTO_REPLY, name(), "", "", mail.returnPath(), "", original,
                List.of(replier)));
    }
}

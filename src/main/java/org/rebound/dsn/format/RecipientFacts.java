package org.rebound.dsn.format;

import java.util.Optional;
import org.rebound.dsn.Action;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.ReplyCode;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.text.Whitespace;

/**
 * Builds a {@link RecipientStatus} from what a report states, filling in what it leaves out the way every format
 * parser must: the status code from the diagnostic text (a stated code, else a derived one, see
 * {@link PseudoStatus}) and the SMTP reply code from the diagnostic.
 */
public final class RecipientFacts {

    private RecipientFacts() {
    }

    /**
     * @param recipient   the final recipient, any case, with or without angle brackets
     * @param original    the original recipient, or empty
     * @param action      what happened
     * @param statusField a stated status code (RFC 3464 Status) or empty
     * @param diagnostic  the server's words, or empty
     * @param remoteMta   the server that said them, or empty
     * @param lastAttempt the time of the last attempt as written, or empty
     */
    public static RecipientStatus of(String recipient, String original, Action action, String statusField,
                                     String diagnostic, String remoteMta, String lastAttempt) {
        return of(recipient, original, action, statusField, diagnostic, remoteMta, lastAttempt, SmtpCommand.UNKNOWN);
    }

    /**
     * As above, with the SMTP command that the report shows (a transcript, a notice's "in reply to RCPT TO
     * command" about this recipient); when it shows none, the command the diagnostic names.
     */
    public static RecipientStatus of(String recipient, String original, Action action, String statusField,
                                     String diagnostic, String remoteMta, String lastAttempt,
                                     SmtpCommand noticeCommand) {
        return of(recipient, original, action, statusField, diagnostic, remoteMta, lastAttempt, noticeCommand, true);
    }

    /**
     * As above; wordsAboutRecipient tells whether the diagnostic is what the report says about this recipient
     * (a Diagnostic-Code, the notice's lines about it) or only the whole notice, which a parser falls back on when
     * nothing names the recipient's failure. Words that explain nothing known are Sisimai's "onhold" (5.0.901);
     * a failure without any words of its own is "undefined" (5.0.900): lib/Sisimai/Reason.pm, get().
     */
    public static RecipientStatus of(String recipient, String original, Action action, String statusField,
                                     String diagnostic, String remoteMta, String lastAttempt,
                                     SmtpCommand noticeCommand, boolean wordsAboutRecipient) {
        String diag = Whitespace.SPACE_AND_CONTROLS.collapse(diagnostic);
        // Codes are read from the server's words only, never from header fields quoted with them (a notice that
        // copies the original's "X-Mailman-Version: 2.1.12" or "Subject: ... 2.3.0" states no status).
        String withoutFields = HeaderFieldLines.withoutMisleadingFields(diagnostic);
        String words = withoutFields == diagnostic ? diag : Whitespace.SPACE_AND_CONTROLS.collapse(withoutFields);
        SmtpCommand command = noticeCommand == SmtpCommand.UNKNOWN ? SmtpCommand.find(diag) : noticeCommand;
        String reply = ReplyCode.find(words);
        boolean succeeded = action == Action.DELIVERED || action == Action.RELAYED || action == Action.EXPANDED;
        // Class 2 is success (RFC 3463 section 3.1): it never describes a failed or delayed delivery.
        Optional<StatusCode> stated = StatusCode.find(statusField).filter(c -> succeeded || c.statusClass() != 2);
        Optional<StatusCode> inText = (succeeded ? StatusCode.find(words) : StatusCode.findFailure(words))
                .filter(c -> succeeded || c.statusClass() != 2);
        Optional<StatusCode> quoted = lastAfterReplyCode(words).filter(c -> succeeded || c.statusClass() != 2);
        if (quoted.isPresent() && !isUnspecific(quoted.get())) {
            inText = quoted;
        }
        // A specific code in the server's own words is better evidence than the reporting MTA's summary in the
        // Status field (which is often a generic 5.0.0, or 4.4.7 for anything that timed out).
        Optional<StatusCode> status = inText.isPresent() && !isUnspecific(inText.get()) ? inText : stated;
        if (status.isEmpty()) {
            status = inText;
        }
        if (status.isEmpty()) {
            status = PseudoStatus.atMailFrom(diag, reply);
        }
        if (status.isEmpty()) {
            status = PseudoStatus.byCommand(PseudoStatus.derive(diag, reply, action == Action.DELAYED), command);
        }
        if (status.isEmpty() && action == Action.DELAYED) {
            status = Optional.of(new StatusCode(4, 0, PseudoStatus.EXPIRED));
        }
        if (status.isEmpty() && action == Action.FAILED && !diag.isEmpty()) {
            status = Optional.of(new StatusCode(reply.startsWith("4") ? 4 : 5, 0,
                    wordsAboutRecipient ? PseudoStatus.ON_HOLD : PseudoStatus.UNDEFINED));
        }
        return new RecipientStatus(Addresses.fromTypedField(recipient), original.isEmpty() ? ""
                : Addresses.fromTypedField(original), action, status, reply, diag, remoteMta, lastAttempt, command);
    }

    /**
     * When a reporting MTA quotes the remote server ("554 4.4.7 Message expired: &lt;421 4.4.2 Connection timed
     * out&gt;", "5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'"), the remote server's own reply,
     * written last, is the more precise: the last code that follows a reply code, if it differs from the first.
     */
    private static Optional<StatusCode> lastAfterReplyCode(String diagnostic) {
        return StatusCode.last(diagnostic, codeStart -> followsReplyCode(diagnostic, codeStart));
    }

    /** True when a reply code and a space or '-' (and maybe a quote) come just before: "421 4.4.2", "550-'5.7.1". */
    private static boolean followsReplyCode(String text, int codeStart) {
        int i = codeStart - 1;
        if (i >= 0 && text.charAt(i) == '\'') {
            i--;
        }
        if (i < 3 || (text.charAt(i) != ' ' && text.charAt(i) != '-')) {
            return false;
        }
        char c = text.charAt(i - 3);
        if ((c != '2' && c != '4' && c != '5') || !Character.isDigit(text.charAt(i - 2))
                || !Character.isDigit(text.charAt(i - 1))) {
            return false;
        }
        char before = i >= 4 ? text.charAt(i - 4) : ' ';
        return !(before >= '0' && before <= '9') && before != '.';
    }

    /**
     * True when the status says more than "failed": a stated code, or one derived from known wording (not
     * "undefined", nor "onhold" for words that name no known reason; "onhold" for a refused MAIL FROM is known).
     */
    public static boolean isExplained(RecipientStatus r) {
        if (r.status().isEmpty() || isUnspecific(r.status().get())) {
            return false;
        }
        int detail = r.status().get().detail();
        return detail != PseudoStatus.UNDEFINED && (detail != PseudoStatus.ON_HOLD || r.command() == SmtpCommand.MAIL);
    }

    /** X.0.0 says only "failed" (RFC 3463 section 3.1, "other or undefined"). */
    private static boolean isUnspecific(StatusCode code) {
        return code.subject() == 0 && code.detail() == 0;
    }

}

package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;
import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.NoticeText;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Sendmail's plain-text bounces (after Sisimai's lib/Sisimai/Lhost/V5sendmail.pm and Sendmail.pm): "Returned
 * mail: ..." subject, "----- Transcript of session follows -----" with "550 &lt;user@host&gt;... reason" lines,
 * then "----- Unsent message follows -----". Sendmail 8's multipart/report DSNs are read by the RFC 3464 parser.
 *
 * <p>The transcript interleaves the sessions ("While talking to host:", "&gt;&gt;&gt; DATA", "&lt;&lt;&lt; 550
 * reply") with Sendmail's line about each recipient ("554 &lt;a@b&gt;... Remote protocol error"): the command and
 * the server's reply shown before a recipient's line are what that recipient was refused with, and a line about a
 * host ("550 example.org (smtp)... 550 Host unknown") belongs to no recipient.
 */
final class SendmailParser extends NoticeParser {

    /** A line end, CRLF or LF: compiled once rather than by String.split on every notice. */
    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    static boolean recognises(ReturnedMail mail) {
        return mail.subjectLower().startsWith("returned mail:") && mail.text().contains("----- Transcript of session follows");
    }

    @Override
    public String name() {
        return "sendmail";
    }

    private record Refusal(String recipient, String diagnostic, SmtpCommand command) {
    }

    @Override
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        List<Refusal> refusals = transcript(notice);
        if (refusals.isEmpty()) {
            return NoticeText.blocks(notice);
        }
        List<NoticeText.Block> blocks = new ArrayList<>();
        for (Refusal r : refusals) {
            blocks.add(new NoticeText.Block(r.recipient(), r.diagnostic()));
        }
        return blocks;
    }

    @Override
    protected SmtpCommand command(ReturnedMail mail, String notice, String recipient, String diagnostic) {
        for (Refusal r : transcript(notice)) {
            if (r.recipient().equals(recipient)) {
                return r.command();
            }
        }
        return super.command(mail, notice, recipient, diagnostic);
    }

    /** The recipients' lines of the transcript, each with the command and server reply shown before it. */
    private static List<Refusal> transcript(String notice) {
        int start = notice.indexOf("Transcript of session follows");
        List<Refusal> refusals = new ArrayList<>();
        if (start < 0) {
            return refusals;
        }
        SmtpCommand command = SmtpCommand.UNKNOWN;
        String reply = "";
        for (String raw : LINE_END.split(notice.substring(start))) {
            String line = raw.trim();
            if (line.startsWith(">>> ")) {
                // QUIT only closes a failed session; "." and message lines name no command.
                SmtpCommand c = SmtpCommand.parse(line.substring(4));
                if (c != SmtpCommand.UNKNOWN && c != SmtpCommand.QUIT) {
                    command = c;
                }
            } else if (line.startsWith("<<< ")) {
                reply = line.substring(4).trim();
            } else if (line.toLowerCase(Locale.ROOT).contains("while talking to ")) {
                command = SmtpCommand.UNKNOWN; // a new session: the last one's command and reply are not this one's
                reply = "";
            } else {
                // "554 <a@b>... words" or, from Sendmail 8, "550 5.1.1 <a@b>... words"
                int open = line.indexOf(" <");
                int dots = line.indexOf(">...");
                boolean codes = open == 3 || (open > 3 && line.charAt(3) == ' '
                        && StatusCode.find(line.substring(4, open)).isPresent() && line.indexOf(' ', 4) == open);
                if (codes && dots > open && isReplyCode(line) && line.indexOf('@', open) > 0
                        && line.indexOf('@', open) < dots) {
                    String recipient = line.substring(open + 2, dots).toLowerCase(Locale.ROOT);
                    refusals.add(new Refusal(recipient, reply.isEmpty() ? line : line + ": " + reply, command));
                    command = SmtpCommand.UNKNOWN;
                    reply = "";
                }
            }
        }
        return refusals;
    }

    private static boolean isReplyCode(String line) {
        return line.length() > 3 && (line.charAt(0) == '4' || line.charAt(0) == '5')
                && Character.isDigit(line.charAt(1)) && Character.isDigit(line.charAt(2));
    }
}

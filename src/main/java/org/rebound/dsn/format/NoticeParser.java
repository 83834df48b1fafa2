package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rebound.dsn.Action;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.format.RecipientFacts;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;

/**
 * The shape every non-standard bounce shares: a human-readable notice naming the failed recipients with the
 * remote server's words, then a copy of the original. Reporting-MTA parsers extend this and override only what
 * their MTA writes differently (where the notice is, how it names recipients, which of its phrases mean what).
 */
public abstract class NoticeParser implements FormatParser {

    private static final List<String> DELAY_MARKERS = List.of("delayed", "warning:", "(delay)",
            "will be retried", "will keep trying", "still trying", "not yet been delivered", "has not been delivered yet");

    /** The notice text of a message: by default the main text part up to the quoted original. */
    protected String notice(ReturnedMail mail) {
        return NoticeText.notice(mail.text());
    }

    /** The recipient blocks of the notice: by default the line forms {@link NoticeText#blocks} knows. */
    protected List<NoticeText.Block> blocks(String notice, ReturnedMail mail) {
        return NoticeText.blocks(notice);
    }

    /** A status the MTA states for the whole notice in its own words, when the remote server gave none. */
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return "";
    }

    /** As {@link #statusFor(ReturnedMail, String)}, for MTAs that state a status per recipient. */
    protected String statusFor(ReturnedMail mail, String recipient, String diagnostic) {
        return statusFor(mail, diagnostic);
    }

    /**
     * The SMTP command the recipient was refused at: the one a session transcript shows (whose server replies,
     * "503 Need RCPT", would mislead a search for a command's name), else the one the diagnostic names.
     */
    protected SmtpCommand command(ReturnedMail mail, String notice, String recipient, String diagnostic) {
        SmtpCommand command = SmtpCommand.inTranscript(notice, recipient);
        return command == SmtpCommand.UNKNOWN ? SmtpCommand.find(diagnostic) : command;
    }

    /**
     * A status from an MTA's own wording: the code of the first phrase (lower-case) the diagnostic contains, or
     * empty. For MTAs whose notices use fixed sentences that the shared phrase table would misread.
     */
    protected static String ownWording(String diagnostic, List<Map.Entry<String, String>> phrases) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> p : phrases) {
            if (lower.contains(p.getKey())) {
                return p.getValue();
            }
        }
        return "";
    }

    /**
     * The host that wrote the notice, when it introduces itself the way qmail ("This is the qmail-send program at
     * HOST"), Postfix ("This is the mail system at host HOST") and DragonFly ("This is the DragonFly Mail Agent
     * v0.13 at HOST") do; else empty.
     */
    protected String reportingMta(ReturnedMail mail) {
        String text = mail.text();
        int intro = text.indexOf("This is the ");
        if (intro < 0) {
            return "";
        }
        Matcher m = SELF_INTRODUCTION.matcher(text);
        return m.find(intro) ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static final Pattern SELF_INTRODUCTION = Pattern.compile(
            "This is the [^\\n]{0,60}? at (?:host )?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])");

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        String notice = notice(mail);
        List<NoticeText.Block> blocks = withFailedRecipients(withoutParties(blocks(notice, mail), mail), mail, notice);
        if (blocks.stream().anyMatch(b -> SendersOwnAddresses.isEnvelopeSender(notice, b.recipient()))) {
            blocks = blocks.stream().filter(b -> !SendersOwnAddresses.isEnvelopeSender(notice, b.recipient())).toList();
        }
        if (blocks.isEmpty()) {
            blocks = fallbackBlocks(notice, mail);
        }
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        boolean delayed = isDelayNotice(mail, notice);
        Action action = delayed ? Action.DELAYED : Action.FAILED;
        List<RecipientStatus> recipients = new ArrayList<>();
        for (NoticeText.Block b : blocks) {
            String original = NoticeText.expandedFrom(b.diagnostic());
            String own = NoticeText.withoutExpandedFrom(b.diagnostic());
            boolean ownWords = !own.isBlank();
            String diagnostic = ownWords ? own : notice;
            SmtpCommand command = command(mail, notice, b.recipient(), diagnostic);
            RecipientStatus r = RecipientFacts.of(b.recipient(), original, action,
                    ownStatus(mail, b.recipient(), diagnostic, delayed), diagnostic, "", "", command, false);
            if (ownWords && !RecipientFacts.isExplained(r)) {
                // Some notices give the reason before naming the recipient (Verizon: "Error: Invalid user
                // address" ... "RCPT TO: a@b"): when the recipient's own lines explain nothing, the notice does.
                RecipientStatus whole = RecipientFacts.of(b.recipient(), original, action,
                        ownStatus(mail, b.recipient(), notice, delayed), notice, "", "", command, false);
                // Else the recipient's own words stand, unexplained ("onhold", not "undefined").
                r = RecipientFacts.isExplained(whole) ? whole : RecipientFacts.of(b.recipient(), original, action,
                        ownStatus(mail, b.recipient(), diagnostic, delayed), diagnostic, "", "", command, true);
            }
            recipients.add(r);
        }
        return Optional.of(new BounceReport(delayed ? Kind.DELAY_NOTICE : Kind.NON_STANDARD_BOUNCE, name(),
                reportingMta(mail), "", mail.returnPath(), "", mail.original(), recipients));
    }

    /**
     * A notice often repeats the bounce's own addressee and sender ("Your message To: ... did not reach"): those
     * are not failed recipients, unless they are the only address named.
     */
    private static List<NoticeText.Block> withoutParties(List<NoticeText.Block> blocks, ReturnedMail mail) {
        String bounceTo = Addresses.first(mail.headers().first("to"));
        List<NoticeText.Block> kept = new ArrayList<>();
        for (NoticeText.Block b : blocks) {
            if (!b.recipient().equals(bounceTo) && !b.recipient().equals(mail.fromAddress())) {
                kept.add(b);
            }
        }
        return kept.isEmpty() ? blocks : kept;
    }

    /**
     * Exim and Gmail name the failed recipients in X-Failed-Recipients: that list is authoritative, and each
     * recipient's words come from the notice block about it, if any.
     */
    private static List<NoticeText.Block> withFailedRecipients(List<NoticeText.Block> blocks, ReturnedMail mail,
                                                               String notice) {
        List<String> failed = Addresses.all(mail.headers().first("x-failed-recipients"));
        if (failed.isEmpty()) {
            return blocks;
        }
        List<NoticeText.Block> result = new ArrayList<>();
        for (String address : failed) {
            String diagnostic = "";
            for (NoticeText.Block b : blocks) {
                if (b.recipient().equals(address) && !b.diagnostic().isBlank()) {
                    diagnostic = b.diagnostic();
                }
            }
            result.add(new NoticeText.Block(address, diagnostic));
        }
        return result;
    }

    /** The MTA's own status for its wording; a delay notice's failures are temporary (class 4). */
    private String ownStatus(ReturnedMail mail, String recipient, String diagnostic, boolean delayed) {
        String status = statusFor(mail, recipient, diagnostic);
        return delayed && status.startsWith("5.") ? "4." + status.substring(2) : status;
    }

    /** A notice that says delivery is still being tried is a delay notice, not a failure. */
    protected boolean isDelayNotice(ReturnedMail mail, String notice) {
        String subject = mail.subjectLower();
        for (String marker : DELAY_MARKERS) {
            if (subject.contains(marker)) {
                return true;
            }
        }
        String lower = notice.toLowerCase(Locale.ROOT);
        return lower.contains("will be retried") || lower.contains("will keep trying")
                || lower.contains("this is a warning message") || lower.contains("not yet been delivered");
    }

    /**
     * When no line names a recipient: Exim's X-Failed-Recipients header; else the first address in the notice that
     * is neither the bounce's sender nor its addressee; else the original's To. No lines are the recipient's own:
     * the diagnostic is the whole notice.
     */
    protected List<NoticeText.Block> fallbackBlocks(String notice, ReturnedMail mail) {
        List<NoticeText.Block> blocks = new ArrayList<>();
        for (String a : Addresses.all(mail.headers().first("x-failed-recipients"))) {
            blocks.add(new NoticeText.Block(a, ""));
        }
        if (!blocks.isEmpty()) {
            return blocks;
        }
        // A guess must never pick one of the sender's own addresses (SendersOwnAddresses).
        SendersOwnAddresses senders = SendersOwnAddresses.of(mail);
        for (String a : Addresses.all(notice)) {
            if (!a.equals(mail.fromAddress()) && !senders.contains(a)
                    && !a.startsWith("mailer-daemon@") && !a.startsWith("postmaster@")) {
                return List.of(new NoticeText.Block(a, ""));
            }
        }
        if (mail.original().header("content-type").toLowerCase(Locale.ROOT).contains("multipart/report")) {
            return List.of(); // the attachment is itself a bounce: it, not its To, tells who failed
        }
        String to = Addresses.first(mail.original().header("to"));
        return to.isEmpty() || senders.contains(to) ? List.of() : List.of(new NoticeText.Block(to, ""));
    }
}

package org.rebound.dsn.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rebound.dsn.Action;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.SmtpCommand;

/**
 * Challenge-response systems, which hold a message from an unknown sender until the sender proves to be a person
 * (TMDA, Boxbe, Spam Arrest, qconfirm, ASK and the like): the message is neither delivered nor refused, and no
 * mailing should answer the challenge. Evidence: the systems' own headers, TMDA's "-confirm-" reply address
 * (TMDA's documentation, "confirmation requests"), or a subject or opening that asks the sender to confirm or
 * verify itself. The recipient is the address that challenged: the original's To when the challenge quotes it,
 * else the challenge's sender (TMDA's without its confirmation cookie).
 */
public final class ChallengeParser implements FormatParser {

    /** Headers only challenge-response systems write. */
    private static final List<String> HEADERS = List.of("x-tmda-fingerprint", "x-boxbe-challenge",
            "x-boxbe-verification", "x-spamarrest-noauth", "x-qconfirm", "x-ask-version", "x-challenge");

    private static final List<String> SUBJECT_MARKERS = List.of("please confirm your message",
            "please confirm your e-mail", "please confirm your email", "confirm your message", "confirm you are human",
            "confirm that you are human", "verify you are human", "verify that you are human", "are you human",
            "please verify your email", "please verify your e-mail", "sender verification", "verification required",
            "request to join my guest list", "awaiting your confirmation", "spam arrest", "[ask] ");

    @Override
    public String name() {
        return "challenge";
    }

    public static boolean recognises(ReturnedMail mail) {
        if (mail.fromMailSystem()) {
            return false;
        }
        for (String h : HEADERS) {
            if (mail.headers().has(h)) {
                return true;
            }
        }
        if (mail.headers().first("x-delivery-agent").startsWith("TMDA")) {
            return true;
        }
        String from = mail.fromAddress();
        int at = from.indexOf('@');
        if (at > 0 && from.substring(0, at).contains("-confirm-")) {
            return true;
        }
        String subject = mail.subjectLower();
        for (String marker : SUBJECT_MARKERS) {
            if (subject.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** TMDA asks for confirmation from "user-confirm-COOKIE@domain": the user is "user@domain". */
    static String withoutConfirmCookie(String address) {
        int at = address.indexOf('@');
        int cookie = at < 0 ? -1 : address.lastIndexOf("-confirm-", at);
        return cookie > 0 ? address.substring(0, cookie) + address.substring(at) : address;
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        String challenger = Addresses.first(mail.original().header("to"));
        if (challenger.isEmpty()) {
            challenger = withoutConfirmCookie(mail.fromAddress());
        }
        if (challenger.isEmpty()) {
            return Optional.empty();
        }
        OriginalMessage original = mail.original();
        String inReplyTo = Addresses.messageId(mail.headers().first("in-reply-to"));
        if (!inReplyTo.isEmpty() && original.messageId().isEmpty()) {
            original = new OriginalMessage(inReplyTo, original.headers());
        }
        // Held, not refused: no status; the words are the challenge's subject, for the record.
        RecipientStatus held = new RecipientStatus(challenger.toLowerCase(Locale.ROOT), "", Action.FAILED,
                Optional.empty(), "", mail.headers().first("subject"), "", "", SmtpCommand.UNKNOWN);
        return Optional.of(new BounceReport(Kind.CHALLENGE, name(), "", "", mail.returnPath(), "", original,
                List.of(held)));
    }
}

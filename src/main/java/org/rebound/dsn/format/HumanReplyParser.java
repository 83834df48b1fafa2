package org.rebound.dsn.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;

/**
 * A person's answer to a message (it reached the bounce address through Reply-To or a reply to the envelope
 * sender): not from a mail system, with none of the automatic markers (RFC 3834 Auto-Submitted, Precedence bulk,
 * list or junk, RFC 2369 List-* headers), and answering a message: In-Reply-To or References (RFC 5322 section
 * 3.6.4), or a reply prefix on the subject. It reports on no recipient; its In-Reply-To and References are kept as
 * the original's headers so that the reply can be tied to the message it answers.
 */
public final class HumanReplyParser implements FormatParser {

    /** "Re:" as mail programs write it in other languages (Outlook, Thunderbird, Apple Mail). */
    private static final List<String> REPLY_PREFIXES = List.of("re:", "re :", "aw:", "sv:", "antw:", "vs:",
            "réf. :", "rif:", "odp:", "ynt:", "返信:", "回复:", "答复:");

    @Override
    public String name() {
        return "reply";
    }

    public static boolean recognises(ReturnedMail mail) {
        if (mail.fromMailSystem() || mail.fromAddress().isEmpty()) {
            return false;
        }
        var h = mail.headers();
        String autoSubmitted = h.first("auto-submitted").trim().toLowerCase(Locale.ROOT);
        String precedence = h.first("precedence").trim().toLowerCase(Locale.ROOT);
        if ((!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) || precedence.equals("bulk")
                || precedence.equals("list") || precedence.equals("junk") || h.has("list-id")
                || h.has("list-unsubscribe")) {
            return false;
        }
        if (h.has("in-reply-to") || h.has("references")) {
            return true;
        }
        String subject = mail.subjectLower().stripLeading();
        for (String prefix : REPLY_PREFIXES) {
            if (subject.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        Map<String, String> thread = new LinkedHashMap<>();
        for (String name : List.of("in-reply-to", "references")) {
            String value = mail.headers().first(name);
            if (!value.isEmpty()) {
                thread.put(name, value);
            }
        }
        OriginalMessage original = new OriginalMessage(
                Addresses.messageId(mail.headers().first("in-reply-to")), thread);
        return Optional.of(BounceReport.notABounce(Kind.HUMAN_REPLY, name(), mail.returnPath(), original));
    }
}

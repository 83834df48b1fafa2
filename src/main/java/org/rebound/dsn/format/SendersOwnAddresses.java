package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.mime.Headers;

/**
 * The addresses that belong to the sender of the returned message, which a bounce may name but which did not fail:
 * the original's originator fields (From, Sender, Reply-To, RFC 5322 section 3.6.2), its Return-Path (the envelope
 * sender, RFC 5321 section 4.4), its list fields (RFC 2369 List-Post, List-Owner, List-Unsubscribe, ...: a list's
 * own address), the envelope sender that a notice quotes after "MAIL FROM" (RFC 5321 section 4.1.1.2, also in
 * "not accepting mail from &lt;a&gt;"), and the address the bounce itself was sent to (the envelope sender again:
 * a DSN goes to the reverse-path, RFC 3464 section 2). Reporting one of these as failed would quarantine the
 * sender's own address.
 *
 * <p>Two strengths. A list's address is never a failed recipient, nor is the envelope sender a notice quotes
 * (unless its transcript also shows it after RCPT TO, a message sent to oneself). Every sender's address is
 * excluded where a parser guesses the recipient (a notice that names none plainly); a recipient the report states
 * in its own structure (a Final-Recipient field, the MTA's recipient line) stands otherwise, since a sender may
 * mail itself (a cron job's mail to its owner).
 */
public final class SendersOwnAddresses {

    private static final String[] ORIGINATOR_FIELDS = {"from", "sender", "reply-to", "return-path", "errors-to"};

    private static final Set<String> LIST_FIELDS = Set.of("list-post", "list-owner", "list-unsubscribe",
            "list-subscribe", "list-help", "list-archive");

    private final ReturnedMail mail;
    private Set<String> all;

    private SendersOwnAddresses(ReturnedMail mail) {
        this.mail = mail;
    }

    /** The sender's addresses that a returned message shows, in its headers, its original's and its notice. */
    public static SendersOwnAddresses of(ReturnedMail mail) {
        return new SendersOwnAddresses(mail);
    }

    /** True when the address is one of the sender's: a parser that guesses a recipient must not pick it. */
    public boolean contains(String address) {
        if (all == null) {
            Set<String> found = new HashSet<>(listAddresses());
            found.addAll(after(mail.text(), "mail from"));
            for (String name : ORIGINATOR_FIELDS) {
                found.addAll(Addresses.all(mail.original().header(name)));
            }
            found.addAll(Addresses.all(mail.headers().first("to")));
            all = found;
        }
        return all.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The report without the recipients that are the returned message's list addresses. */
    public BounceReport removeFrom(BounceReport report) {
        List<String> lists = listAddresses();
        if (lists.isEmpty()) {
            return report;
        }
        List<RecipientStatus> kept = new ArrayList<>(report.recipients().size());
        for (RecipientStatus r : report.recipients()) {
            if (!lists.contains(r.finalRecipient())) {
                kept.add(r);
            }
        }
        return kept.size() == report.recipients().size() ? report : new BounceReport(report.kind(), report.parser(),
                report.reportingMta(), report.envelopeId(), report.returnPath(), report.feedbackType(),
                report.original(), kept);
    }

    /**
     * True when a notice names the address as the envelope sender, right after "mail from" ("MAIL FROM:&lt;a&gt;",
     * "not accepting mail from a"), and not also after "rcpt to" (a message sent to oneself): a recipient read
     * from the notice's text must not be it. A delivery-status field (RFC 3464 Final-Recipient) names a recipient
     * by its structure, which the text cannot undo.
     */
    public static boolean isEnvelopeSender(String notice, String address) {
        return namedAfter(notice, address, "mail from") && !namedAfter(notice, address, "rcpt to");
    }

    /** One pass over the original's headers: most have no list field, and a lookup per field name costs more. */
    private List<String> listAddresses() {
        List<String> found = new ArrayList<>(0);
        for (Headers.Field f : mail.originalHeaders().fields()) {
            if (f.name().startsWith("list-") && LIST_FIELDS.contains(f.name())) {
                found.addAll(Addresses.all(f.value()));
            }
        }
        return found;
    }

    /**
     * True when the text gives the address right after the command's words ("MAIL FROM:&lt;a&gt;", "not accepting
     * mail from a"), any case. Looks only where the address occurs (a vectorised String.indexOf), then backwards.
     */
    static boolean namedAfter(String text, String address, String lowerWords) {
        if (address.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf(address); at >= 0; at = text.indexOf(address, at + 1)) {
            int i = at;
            while (i > 0 && at - i < 16 && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == '<'
                    || Character.isWhitespace(text.charAt(i - 1)))) {
                i--;
            }
            int start = i - lowerWords.length();
            if (i < at && start >= 0 && text.regionMatches(true, start, lowerWords, 0, lowerWords.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The addresses that follow a command's words (lower case: "mail from", "rcpt to"), any case, then maybe ':',
     * spaces and '&lt;': the envelope sender or recipient of an SMTP transcript's command (RFC 5321 section 4.1.1),
     * or of a notice that says whose mail was refused.
     */
    static List<String> after(String text, String words) {
        List<String> found = new ArrayList<>(1);
        int length = text.length();
        CommandWords search = new CommandWords(text, words);
        for (int i = search.next(); i >= 0; i = search.next()) {
            int j = i + words.length();
            while (j < length && j - i < 16 && (text.charAt(j) == ':' || text.charAt(j) == '<'
                    || Character.isWhitespace(text.charAt(j)))) {
                j++;
            }
            int end = j;
            while (end < length && end - j < 256 && !Character.isWhitespace(text.charAt(end))
                    && text.charAt(end) != '>' && text.charAt(end) != ',' && text.charAt(end) != ';') {
                end++;
            }
            String address = Addresses.first(text.substring(j, end));
            if (!address.isEmpty()) {
                found.add(address);
            }
        }
        return found;
    }

    /**
     * Finds two words ("mail from") in any case: String.indexOf (a vectorised intrinsic) looks for the last word as
     * SMTP transcripts and notices write it (lower, upper or capitalised), and a case-blind comparison checks the
     * words before it. A case-blind scan of every character cost as much as the rest of the parse of a notice.
     */
    private static final class CommandWords {
        private final String text;
        private final String words;
        private final int prefix;
        private final String[] casings;
        private final int[] next;

        CommandWords(String text, String lowerWords) {
            this.text = text;
            this.words = lowerWords;
            this.prefix = lowerWords.lastIndexOf(' ') + 1;
            String last = lowerWords.substring(prefix);
            this.casings = new String[] {last, last.toUpperCase(Locale.ROOT),
                    Character.toUpperCase(last.charAt(0)) + last.substring(1)};
            this.next = new int[casings.length];
            for (int k = 0; k < casings.length; k++) {
                next[k] = text.indexOf(casings[k], prefix);
            }
        }

        /** The start of the next occurrence of the words, or -1. */
        int next() {
            while (true) {
                int k = -1;
                for (int c = 0; c < next.length; c++) {
                    if (next[c] >= 0 && (k < 0 || next[c] < next[k])) {
                        k = c;
                    }
                }
                if (k < 0) {
                    return -1;
                }
                int at = next[k];
                next[k] = text.indexOf(casings[k], at + 1);
                int start = at - prefix;
                if (start >= 0 && text.regionMatches(true, start, words, 0, prefix)) {
                    return start;
                }
            }
        }
    }
}

package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rebound.dsn.Addresses;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;

/**
 * The addresses that belong to the sender of the returned message, which a bounce may name but which did not fail:
 * the original's originator fields (From, Sender, Reply-To, RFC 5322 section 3.6.2), its Return-Path (the envelope
 * sender, RFC 5321 section 4.4), its list fields (RFC 2369 List-Post, List-Owner, List-Unsubscribe, ...: a list's
 * own address), the envelope sender that a notice quotes after "MAIL FROM" (RFC 5321 section 4.1.1.2, also in
 * "not accepting mail from &lt;a&gt;"), and the address the bounce itself was sent to (the envelope sender again:
 * a DSN goes to the reverse-path, RFC 3464 section 2). Reporting one of these as failed would quarantine the
 * sender's own address.
 *
 * <p>Two strengths. A list's address and a quoted envelope sender are never a failed recipient: the report names
 * them as the sender's (unless its transcript also shows them after RCPT TO, a message sent to oneself). Every
 * sender's address is excluded where a parser guesses the recipient (a notice that names none plainly); a
 * recipient the report states in its own structure (a Final-Recipient field, the MTA's recipient line) stands,
 * since a sender may mail itself (a cron job's mail to its owner).
 */
public final class SendersOwnAddresses {

    private static final String[] ORIGINATOR_FIELDS = {"from", "sender", "reply-to", "return-path", "errors-to"};

    private static final String[] LIST_FIELDS = {"list-post", "list-owner", "list-unsubscribe", "list-subscribe",
            "list-help", "list-archive"};

    private final Set<String> all;
    private final Set<String> never;

    private SendersOwnAddresses(Set<String> all, Set<String> never) {
        this.all = all;
        this.never = never;
    }

    /** The sender's addresses that a returned message shows, in its headers, its original's and its notice. */
    public static SendersOwnAddresses of(ReturnedMail mail) {
        Set<String> never = new HashSet<>();
        for (String name : LIST_FIELDS) {
            never.addAll(Addresses.all(mail.original().header(name)));
        }
        never.addAll(after(mail.text(), "mail from"));
        if (!never.isEmpty()) {
            never.removeAll(after(mail.text(), "rcpt to"));
        }
        Set<String> all = new HashSet<>(never);
        for (String name : ORIGINATOR_FIELDS) {
            all.addAll(Addresses.all(mail.original().header(name)));
        }
        all.addAll(Addresses.all(mail.headers().first("to")));
        return new SendersOwnAddresses(all, never);
    }

    /** True when the address is one of the sender's: a parser that guesses a recipient must not pick it. */
    public boolean contains(String address) {
        return all.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The report without the recipients that the report itself shows to be the sender's: list and envelope. */
    public BounceReport removeFrom(BounceReport report) {
        if (never.isEmpty()) {
            return report;
        }
        List<RecipientStatus> kept = new ArrayList<>(report.recipients().size());
        for (RecipientStatus r : report.recipients()) {
            if (!never.contains(r.finalRecipient())) {
                kept.add(r);
            }
        }
        return kept.size() == report.recipients().size() ? report : new BounceReport(report.kind(), report.parser(),
                report.reportingMta(), report.envelopeId(), report.returnPath(), report.feedbackType(),
                report.original(), kept);
    }

    /**
     * The addresses that follow a command's words (lower case: "mail from", "rcpt to"), any case, then maybe ':',
     * spaces and '&lt;': the envelope sender or recipient of an SMTP transcript's command (RFC 5321 section 4.1.1),
     * or of a notice that says whose mail was refused.
     */
    static List<String> after(String text, String words) {
        List<String> found = new ArrayList<>(1);
        int length = text.length();
        for (int i = indexOfIgnoreCase(text, words, 0); i >= 0; i = indexOfIgnoreCase(text, words, i + words.length())) {
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

    private static int indexOfIgnoreCase(String text, String lowerWord, int from) {
        int last = text.length() - lowerWord.length();
        char first = lowerWord.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = Math.max(from, 0); i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper) && text.regionMatches(true, i, lowerWord, 0, lowerWord.length())) {
                return i;
            }
        }
        return -1;
    }
}

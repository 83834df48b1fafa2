package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rebound.dsn.phrase.CodePhrases;
import org.rebound.dsn.phrase.PhraseBook;
import org.rebound.text.WordSearch;
import org.rebound.dsn.SmtpCommand;
import org.rebound.dsn.StatusCode;

/**
 * Derives a status code from a diagnostic text that states none, the way Sisimai does (lib/Sisimai/SMTP/Status.pm,
 * "internal codes"): class.0.9NN, where 9NN names what the words say (911 user unknown, 922 mailbox full, ...).
 * The class is 4 when the text or reply code says the failure is temporary, else 5. These codes are not
 * registered in RFC 3463 (whose subject 0 is "other or undefined"), so they only refine X.0.0; consumers that
 * know nothing of them still read the class and subject correctly.
 *
 * <p>The phrases are data (rules/phrases/status.yaml), the common wording of MTAs and mailbox providers after
 * Sisimai's lib/Sisimai/Reason/*.pm, each entry with its source. Earlier entries win, so the more specific wordings
 * come first.
 */
public final class PseudoStatus {

    /** The phrase table, read once from the shipped phrase files. */
    private static final Table TABLE = new Table(PhraseBook.shipped());

    /**
     * Every phrase of the table in its order, searched at once (Aho-Corasick, text.WordSearch), each phrase its own
     * label numbered in the table's order: the smallest label found is the first phrase; codeOf gives its code.
     */
    private record Table(WordSearch phrases, StatusCode[] codeOf, List<String> temporary) {

        Table(PhraseBook book) {
            this(search(book), codes(book), book.temporary());
        }

        private static WordSearch search(PhraseBook book) {
            Map<Integer, List<String>> labelled = new HashMap<>();
            for (CodePhrases entry : book.codes()) {
                for (String phrase : entry.phrases()) {
                    labelled.put(labelled.size(), List.of(phrase));
                }
            }
            return new WordSearch(labelled, labelled.size());
        }

        /** Class 5 here; derive() gives the class the text and reply code say. */
        private static StatusCode[] codes(PhraseBook book) {
            List<StatusCode> codes = new ArrayList<>();
            for (CodePhrases entry : book.codes()) {
                for (int i = 0; i < entry.phrases().size(); i++) {
                    codes.add(new StatusCode(5, entry.subject(), entry.detail()));
                }
            }
            return codes.toArray(new StatusCode[0]);
        }
    }

    private PseudoStatus() {
    }

    /** Sisimai's code for a failure nothing explains: "undefined". */
    public static final int UNDEFINED = 900;

    /** Sisimai's code for a delivery given up on, or still being tried, after time ran out: "expired". */
    public static final int EXPIRED = 947;

    /**
     * Sisimai's code for a failure the server explained in words that name no known reason: "onhold", the
     * decision is left to a person (lib/Sisimai/Reason/OnHold.pm). Without any words it is {@link #UNDEFINED}.
     */
    public static final int ON_HOLD = 901;

    /** Sisimai's code for an unknown mailbox, "userunknown". */
    public static final int USER_UNKNOWN = 911;

    /** Sisimai's code for a message refused by a filter, "filtered". */
    public static final int FILTERED = 910;

    /** Sisimai's code for a domain that does not exist, "hostunknown". */
    public static final int HOST_UNKNOWN = 912;

    /** The internal code for a diagnostic text, or empty when no phrase matches. */
    public static Optional<StatusCode> derive(String diagnostic, String replyCode, boolean temporary) {
        if (diagnostic.isEmpty()) {
            return Optional.empty();
        }
        int found = TABLE.phrases().smallestLabelIn(diagnostic);
        if (found < 0) {
            return Optional.empty();
        }
        String text = diagnostic.toLowerCase(Locale.ROOT);
        StatusCode code = TABLE.codeOf()[found];
        int detail = code.subject() == 0 && code.detail() == USER_UNKNOWN && namesMissingHost(text) ? HOST_UNKNOWN
                : code.detail();
        return Optional.of(new StatusCode(classOf(text, replyCode, temporary), code.subject(), detail));
    }

    /**
     * "User unknown" wording is proof of an unknown mailbox only in answer to RCPT TO, where a server refuses an
     * address it has no mailbox for (RFC 5321 sections 3.3 and 4.2). The same words after DATA, or with no
     * command shown at all, come from a filter that refused the message (or from a notice that does not say what
     * it was refusing): Sisimai's lib/Sisimai/Reason/UserUnknown.pm accepts the wording only at RCPT, and its
     * Filtered.pm reads it at any other stage but the ones before RCPT as "filtered", 910. Reporting MTAs whose
     * own fixed sentences state the reason (Exchange's error codes, Domino's, Notes', ...) say so themselves.
     */
    public static Optional<StatusCode> byCommand(Optional<StatusCode> derived, SmtpCommand command) {
        if (derived.isEmpty() || derived.get().detail() != USER_UNKNOWN) {
            return derived;
        }
        return switch (command) {
            case RCPT, CONN, EHLO, MAIL -> derived;
            default -> Optional.of(new StatusCode(derived.get().statusClass(), 0, FILTERED));
        };
    }

    /**
     * "553 mx.example.org does not exist": a host name the server cannot find, after a 553 ("mailbox name not
     * allowed", RFC 5321 section 4.2.3) reply; Sisimai's lib/Sisimai/Reason/HostUnknown.pm. A user that does not
     * exist is written with an '@' or with a word (user, mailbox, address) before the phrase, which the phrase
     * table reads.
     */
    static boolean namesMissingHost(String lowerCaseText) {
        for (int at = lowerCaseText.indexOf(" does not exist"); at >= 0;
             at = lowerCaseText.indexOf(" does not exist", at + 1)) {
            int tokenStart = lowerCaseText.lastIndexOf(' ', at - 1) + 1;
            if (tokenStart >= 4 && tokenStart < at && lowerCaseText.startsWith("553 ", tokenStart - 4)) {
                String token = lowerCaseText.substring(tokenStart, at);
                if (token.indexOf('.') > 0 && token.indexOf('@') < 0 && token.indexOf('<') < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A refusal of the MAIL FROM command refuses the sender before any recipient is named: it says nothing about
     * the recipient, whose delivery is undecided. Sisimai writes this "onhold", 901, when no code is given. Only
     * the reporting MTA's own summary of the failed command counts (Exim "after MAIL FROM", Postfix "in reply to
     * MAIL FROM command"): a Sendmail transcript ("&gt;&gt;&gt; MAIL FROM") quotes the server's words instead,
     * which the phrase table reads.
     */
    public static Optional<StatusCode> atMailFrom(String diagnostic, String replyCode) {
        String text = diagnostic.toLowerCase(Locale.ROOT);
        for (String marker : MAIL_COMMAND) {
            if (text.contains(marker)) {
                return Optional.of(new StatusCode(replyCode.startsWith("4") ? 4 : 5, 0, 901));
            }
        }
        return Optional.empty();
    }

    private static final List<String> MAIL_COMMAND = List.of("after mail from", "in reply to mail from");

    /** The class a failure with this wording and reply code has: 4 when it says it is temporary. */
    public static int classOf(String lowerCaseText, String replyCode, boolean temporary) {
        if (temporary || replyCode.startsWith("4")) {
            return 4;
        }
        if (replyCode.startsWith("5")) {
            return 5;
        }
        for (String word : TABLE.temporary()) {
            if (lowerCaseText.contains(word)) {
                return 4;
            }
        }
        return 5;
    }
}

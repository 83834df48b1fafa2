package org.rebound.dsn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rebound.text.WordSearch;

/**
 * Derives a status code from a diagnostic text that states none, the way Sisimai does (lib/Sisimai/SMTP/Status.pm,
 * "internal codes"): class.0.9NN, where 9NN names what the words say (911 user unknown, 922 mailbox full, ...).
 * The class is 4 when the text or reply code says the failure is temporary, else 5. These codes are not
 * registered in RFC 3463 (whose subject 0 is "other or undefined"), so they only refine X.0.0; consumers that
 * know nothing of them still read the class and subject correctly.
 *
 * <p>The phrases are the common wording of MTAs and mailbox providers, after Sisimai's lib/Sisimai/Reason/*.pm.
 * Earlier entries win, so the more specific wordings come first.
 */
public final class PseudoStatus {

    private record Phrases(int detail, List<String> phrases) {
    }

    private static final List<Phrases> TABLE = List.of(
            new Phrases(922, List.of("mailbox full", "mailbox is full", "mailbox is over quota", "over quota",
                    "quota exceeded", "exceeded storage", "exceeds quota", "quota exceed", "mailbox size limit",
                    "mailfolder is full", "user is over", "too much mail data", "insufficient space",
                    "box is full", "mailbox exceeded", "disk quota", "not enough storage", "mail box full",
                    "over the allowed quota", "full mailbox", "storage limit", "mailbox exceeds")),
            new Phrases(947, List.of("retry time not reached for any host", "retry timeout exceeded",
                    "delivery time expired", "message expired", "could not be delivered for",
                    "has been delayed for", "was not delivered after", "message timed out",
                    "delivery expired", "unable to deliver for", "queue too long", "too long in queue",
                    "maximum delivery time", "smtp; timeout", "timeout waiting for", "couldn't be delivered within",
                    "undeliverable for too long", "expired after", "retry period", "has not been delivered for",
                    "could not deliver for", "not delivered within", "envelope expired",
                    "aborted after", "after multiple retries", "failing for a long time", "attempts:",
                    "delivery failed after", "message will be retried", "has been delayed")),
            // Temporary DNS failures ("Host not found, try again") are network errors, not unknown hosts.
            new Phrases(944, List.of("name service error", "network error")),
            // Sisimai's lib/Sisimai/Reason/Filtered.pm: webmail services answer "This user doesn't have a
            // example.com account" for addresses they refuse to deliver to, which Sisimai counts as filtered.
            new Phrases(910, List.of("doesn't have a")),
            new Phrases(902, List.of("malformed address", "syntax error in address", "invalid address syntax")),
            new Phrases(973, List.of("cannot find your hostname", "no ptr record", "reverse dns",
                    "reverse lookup", "ptr record", "rdns", "cannot resolve your address")),
            new Phrases(921, List.of("account disabled", "has been disabled", "account is disabled",
                    "has been suspended", "account suspended", "account is suspended", "discontinued",
                    "mailbox is inactive", "account is inactive", "inactive account", "is not active",
                    "mailbox disabled", "account has been frozen", "user suspended", "mailbox unavailable: inactive",
                    "account is locked")),
            new Phrases(934, List.of("message too large", "message size exceeds", "message is too big",
                    "message too big", "size exceeds", "exceeds size limit", "exceeds the maximum size",
                    "message length exceeds", "mail size limit", "message exceeds", "line limit exceeded")),
            new Phrases(912, List.of("host unknown", "unknown host", "no such domain", "domain not found",
                    "couldn't find any host", "host not found", "name or service not known", "domain does not exist",
                    "unrouteable address", "unroutable address", "no mx", "mx record", "domain is not",
                    "invalid domain", "unknown domain", "domain name not found", "no such host",
                    "host or domain name not found", "nxdomain", "domain lookup failed", "all relevant mx records",
                    "dns lookup failure")),
            new Phrases(909, List.of("relaying denied", "relay access denied", "relay not permitted",
                    "relaying not allowed", "not permitted to relay", "unable to relay", "relay denied",
                    "we do not relay", "not a gateway")),
            new Phrases(911, List.of("user unknown", "unknown user", "no such user", "no such mailbox",
                    "mailbox not found", "recipient unknown", "unknown recipient", "invalid recipient",
                    "does not exist", "doesn't exist", "user not found", "no mailbox", "no such recipient",
                    "unknown local part", "addressee unknown", "invalid mailbox", "not a valid mailbox",
                    "recipient not found", "mailbox unavailable", "unknown address",
                    "address unknown", "no such account", "account does not exist", "not our customer",
                    "recipient address rejected", "bad recipient", "address not found", "unknown mailbox",
                    "mailbox does not", "no such person", "not listed in", "is not a valid", "user invalid",
                    "invalid address", "account unavailable", "recipient rejected", "no user", "not exist",
                    "no valid recipients",
                    // Trend Micro InterScan: "Unable to deliver message to <a>. Please check if address is correct."
                    "check if address is correct")),
            new Phrases(980, List.of("spam", "junk mail", "bulk mail", "blacklisted url")),
            // Sisimai's lib/Sisimai/Reason/Rejected.pm: a blacklisted *sender address* is a refusal of the sender
            // ("rejected"), not of the sending host, so these come before the host blacklist wording below.
            new Phrases(918, List.of("sending to/from an address that has been blacklisted",
                    "sender address has been blacklisted", "sender blacklisted", "sender is in my black list")),
            new Phrases(971, List.of("blacklist", "blocklist", "block list", "black list", "blocked",
                    "listed at", "listed in", "client host rejected", "access denied", "dnsbl", "rbl",
                    "invalid ip for sending",
                    // Microsoft's consumer mail: "Unfortunately, messages from <ip> weren't sent."
                    "weren't sent",
                    // Sisimai's lib/Sisimai/Reason/Blocked.pm: a server that drops the session or refuses the
                    // sending host by name ("no access from mail server [ip] which is an open relay").
                    "connection reset by peer", "no access from mail server")),
            new Phrases(910, List.of("filtered", "content filter", "domain filter", "due to restrictions",
                    "not authorized to receive", "refused by recipient")),
            new Phrases(932, List.of("does not accept mail", "not accepting mail", "null mx", "accepts no mail",
                    "indicated no smtp service")),
            new Phrases(944, List.of("connection refused", "could not connect", "no route to host",
                    "too many hops", "mail loop", "loops back to myself", "network is unreachable",
                    "connection timed out", "host is unreachable", "lost connection")),
            new Phrases(918, List.of("sender rejected", "sender address rejected", "domain of sender address",
                    "not permitted to post", "not allowed to post", "sender denied", "envelope sender")),
            new Phrases(931, List.of("system full", "insufficient system storage", "out of disk space")),
            new Phrases(945, List.of("too many connections", "too many simultaneous")),
            new Phrases(930, List.of("system error", "internal error", "local delivery failed",
                    "system config error", "server error", "temporary failure")));

    /** Every phrase of the table in its order, searched at once; DETAIL_OF_PHRASE gives each one's code. */
    private static final WordSearch ALL_PHRASES;
    private static final int[] DETAIL_OF_PHRASE;

    static {
        Map<Integer, List<String>> labelled = new HashMap<>();
        List<Integer> details = new ArrayList<>();
        for (Phrases p : TABLE) {
            for (String phrase : p.phrases) {
                labelled.put(details.size(), List.of(phrase));
                details.add(p.detail);
            }
        }
        // Each phrase is its own label, numbered in the table's order: the smallest label found is the first phrase.
        ALL_PHRASES = new WordSearch(labelled, details.size());
        DETAIL_OF_PHRASE = details.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final List<String> TEMPORARY = List.of("temporar", "delayed", "will be retried",
            "will retry", "still trying", "try again later", "deferred", "transient");

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
        int found = ALL_PHRASES.smallestLabelIn(diagnostic);
        if (found < 0) {
            return Optional.empty();
        }
        String text = diagnostic.toLowerCase(Locale.ROOT);
        int detail = DETAIL_OF_PHRASE[found] == USER_UNKNOWN && namesMissingHost(text) ? HOST_UNKNOWN
                : DETAIL_OF_PHRASE[found];
        return Optional.of(new StatusCode(classOf(text, replyCode, temporary), 0, detail));
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
        for (String word : TEMPORARY) {
            if (lowerCaseText.contains(word)) {
                return 4;
            }
        }
        return 5;
    }
}

package org.rebound.dsn;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
            new Phrases(971, List.of("blacklist", "blocklist", "block list", "black list", "blocked",
                    "listed at", "listed in", "client host rejected", "access denied", "dnsbl", "rbl",
                    "invalid ip for sending",
                    // Microsoft's consumer mail: "Unfortunately, messages from <ip> weren't sent."
                    "weren't sent")),
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
    private static final PhraseSet ALL_PHRASES;
    private static final int[] DETAIL_OF_PHRASE;

    static {
        List<String> all = new java.util.ArrayList<>();
        List<Integer> details = new java.util.ArrayList<>();
        for (Phrases p : TABLE) {
            for (String phrase : p.phrases) {
                all.add(phrase);
                details.add(p.detail);
            }
        }
        ALL_PHRASES = new PhraseSet(all);
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

    /** The internal code for a diagnostic text, or empty when no phrase matches. */
    public static Optional<StatusCode> derive(String diagnostic, String replyCode, boolean temporary) {
        if (diagnostic.isEmpty()) {
            return Optional.empty();
        }
        int found = ALL_PHRASES.firstIn(diagnostic);
        if (found < 0) {
            return Optional.empty();
        }
        String text = diagnostic.toLowerCase(Locale.ROOT);
        return Optional.of(new StatusCode(classOf(text, replyCode, temporary), 0, DETAIL_OF_PHRASE[found]));
    }

    /**
     * A recipient refused only after the message was sent (at DATA) was refused for what the message holds, not
     * for who it is addressed to: a real unknown user is refused at RCPT (RFC 5321 section 3.3). Sisimai
     * (lib/Sisimai/Reason/Filtered.pm) reads "user unknown" at DATA as "filtered", 910.
     */
    public static Optional<StatusCode> afterData(Optional<StatusCode> derived, SmtpCommand command) {
        if (derived.isEmpty() || derived.get().detail() != 911 || command != SmtpCommand.DATA) {
            return derived;
        }
        return Optional.of(new StatusCode(derived.get().statusClass(), 0, 910));
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

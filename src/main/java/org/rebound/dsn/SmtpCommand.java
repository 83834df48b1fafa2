package org.rebound.dsn;

import java.util.Locale;

/**
 * The SMTP stage at which a remote server refused a recipient (Sisimai's "smtpcommand"). It tells a dead address
 * from a filter: a server refuses an unknown mailbox in answer to RCPT TO (RFC 5321 section 3.3 and 4.2), so an
 * "unknown user" given after DATA, or at no known stage, is a refusal of the message, not of the address
 * (Sisimai lib/Sisimai/Reason/UserUnknown.pm and Filtered.pm). A refusal of MAIL FROM or of the greeting says
 * nothing about the recipient at all.
 */
public enum SmtpCommand {
    /** The connection or the server's greeting (RFC 5321 section 3.1), before any command. */
    CONN,
    /** EHLO or HELO (RFC 5321 section 4.1.1.1), and STARTTLS and AUTH, which belong to the same greeting stage. */
    EHLO,
    /** MAIL FROM (RFC 5321 section 4.1.1.2): the sender was refused. */
    MAIL,
    /** RCPT TO (RFC 5321 section 4.1.1.3): the recipient was refused. */
    RCPT,
    /** DATA or its end (RFC 5321 section 4.1.1.4): the message was refused after the recipients were accepted. */
    DATA,
    /** BDAT (RFC 3030), DATA's chunked form. */
    BDAT,
    /** QUIT (RFC 5321 section 4.1.1.10). */
    QUIT,
    /** Not stated. */
    UNKNOWN;

    /** Reads a command word ("RCPT", "rcpt to", "HELO", "end of data"); anything else is UNKNOWN. */
    public static SmtpCommand parse(String text) {
        String word = text.trim().toUpperCase(Locale.ROOT);
        int space = word.indexOf(' ');
        String first = space < 0 ? word : word.substring(0, space);
        return switch (first) {
            case "CONN", "CONNECT", "CONNECTION", "GREETING", "BANNER" -> CONN;
            case "EHLO", "HELO", "LHLO", "STARTTLS", "AUTH" -> EHLO;
            case "MAIL" -> MAIL;
            case "RCPT" -> RCPT;
            case "DATA" -> DATA;
            case "END" -> word.endsWith("DATA") ? DATA : UNKNOWN;
            case "BDAT" -> BDAT;
            case "QUIT" -> QUIT;
            default -> UNKNOWN;
        };
    }

    /**
     * The stage a text names, or UNKNOWN: the phrase written last wins, since a transcript or a relayed reply
     * ends with the command that failed. Reporting MTAs name it in their own words: Postfix "(in reply to RCPT TO
     * command)", "(in reply to end of DATA command)"; Exim "SMTP error from remote mail server after RCPT
     * TO:&lt;a&gt;", "after end of data", "after initial connection"; Sendmail's transcript "&gt;&gt;&gt; RCPT
     * To:&lt;a&gt;", "&gt;&gt;&gt; DATA"; Microsoft "SMTP command: RCPT TO" ... Otherwise an upper-case command
     * word in the server's words, as Sisimai's lib/Sisimai/SMTP/Command.pm reads it.
     */
    public static SmtpCommand find(String text) {
        // One backward scan, trying only the phrases that start with the letter at hand: the first hit is the last
        // phrase in the text. (A scan per phrase cost more than all the rest of parsing a DSN.)
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c >= 128 || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                continue; // phrases start a word: most positions are inside one
            }
            int key = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            if (BY_FIRST_LETTER[key] == null) {
                continue;
            }
            for (Phrase p : BY_FIRST_LETTER[key]) {
                int n = p.text.length();
                if (text.regionMatches(p.anyCase, i, p.text, 0, n) && isBoundary(text, i + n)) {
                    return p.command;
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * The command a session transcript shows the recipient was refused at, as Sendmail writes one ("&gt;&gt;&gt;
     * RCPT To:&lt;a&gt;", then the server's "&lt;&lt;&lt; 550 ..."): the command before the first refusal that
     * names the recipient; else RCPT when the server refused the recipient's own RCPT TO; else the last command
     * sent. UNKNOWN when the text has no transcript. RSET and QUIT only close a failed session, so they do not
     * count; the server's replies ("503 Need RCPT") name no command of ours.
     */
    public static SmtpCommand inTranscript(String text, String recipient) {
        if (!text.contains(">>> ")) {
            return UNKNOWN;
        }
        SmtpCommand last = UNKNOWN;
        boolean rcptOfRecipient = false;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            end = end < 0 ? text.length() : end;
            String line = text.substring(pos, end).trim();
            pos = end + 1;
            if (line.startsWith(">>> ")) {
                SmtpCommand c = parse(line.substring(4));
                if (c != UNKNOWN && c != QUIT) {
                    last = c;
                    rcptOfRecipient = c == RCPT && !recipient.isEmpty()
                            && line.toLowerCase(Locale.ROOT).contains(recipient);
                }
            } else if (line.startsWith("<<< ") && line.length() > 4) {
                char reply = line.charAt(4);
                boolean refused = reply == '4' || reply == '5';
                if (refused && (rcptOfRecipient || (!recipient.isEmpty()
                        && line.toLowerCase(Locale.ROOT).contains(recipient)))) {
                    return last;
                }
                rcptOfRecipient = false;
            }
        }
        return last;
    }

    private record Phrase(String text, boolean anyCase, SmtpCommand command) {
    }

    /** Phrases in any case first, then the bare upper-case words (a lower-case "data" is just a word). */
    private static final Phrase[] PHRASES = {
            new Phrase("rcpt to", true, RCPT),
            new Phrase("mail from", true, MAIL),
            new Phrase("end of data", true, DATA),
            new Phrase("after data", true, DATA),
            new Phrase("reply to data", true, DATA),
            new Phrase("command data", true, DATA),
            new Phrase(">>> data", true, DATA),
            // qmail-remote: "a.b.c.d does not like recipient.", "Connected to a.b.c.d but sender was rejected."
            new Phrase("does not like recipient", true, RCPT),
            new Phrase("but sender was rejected", true, MAIL),
            new Phrase("initial connection", true, CONN),
            new Phrase("initial greeting", true, CONN),
            new Phrase("refused to talk to me", true, CONN),
            new Phrase("SMTP greeting", true, CONN),
            new Phrase("reply to helo", true, EHLO),
            new Phrase("reply to ehlo", true, EHLO),
            new Phrase("after helo", true, EHLO),
            new Phrase("after ehlo", true, EHLO),
            new Phrase("RCPT", false, RCPT),
            new Phrase("DATA", false, DATA),
            new Phrase("BDAT", false, BDAT),
            new Phrase("EHLO", false, EHLO),
            new Phrase("HELO", false, EHLO),
            new Phrase("STARTTLS", false, EHLO),
            new Phrase("QUIT", false, QUIT),
    };

    /** The phrases by the lower-case form of their first character. */
    private static final Phrase[][] BY_FIRST_LETTER = new Phrase[128][];

    static {
        for (Phrase p : PHRASES) {
            int key = Character.toLowerCase(p.text.charAt(0));
            Phrase[] old = BY_FIRST_LETTER[key] == null ? new Phrase[0] : BY_FIRST_LETTER[key];
            Phrase[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = p;
            BY_FIRST_LETTER[key] = grown;
        }
    }

    private static boolean isBoundary(String text, int i) {
        return i < 0 || i >= text.length() || !isWordChar(text.charAt(i));
    }

    private static boolean isWordChar(char c) {
        return c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                : Character.isLetterOrDigit(c);
    }

    /** The word a rule file writes for it: "rcpt", "data", ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}

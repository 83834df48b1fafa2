package org.rebound.dsn.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Reads the human-readable notice of a non-standard bounce: where it ends and the quoted original begins, and which
 * lines name a failed recipient. Shared by every reporting-MTA parser; each adds only what its MTA does
 * differently.
 */
public final class NoticeText {

    /**
     * Phrases that introduce the quoted original in the bounces of qmail ("--- Below this line is a copy of the
     * message."), Exim ("------ This is a copy of the message, including all the headers. ------"), Sendmail
     * ("----- Unsent message follows -----"), Gmail ("----- Original message -----"), DragonFly ("Message headers
     * follow."), and the many MTAs that copy one of them. A line of two or more '-', '=', '_' or '*' followed by
     * one of {@link #RULED_WORDS}, or a line starting with one of {@link #MARKER_PHRASES}.
     */
    private static final List<String> RULED_WORDS = List.of("original", "unsent", "undelivered", "returned",
            "copy of", "below this line", "header of", "headers of", "message follows", "attached message", "rfc822");

    private static final List<String> MARKER_PHRASES = List.of("message headers follow", "original message follows",
            "the original message header", "original message header", "content-type: message/rfc822",
            "the header of the original message", "below is a copy of the original message", "original mail as follows",
            "original message:");

    /** Scans line by line (a regular expression over the whole text costs ten times more). */
    private static int[] marker(String text) {
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = length;
            }
            if (isMarker(text, pos, end)) {
                return new int[] {pos, end};
            }
            pos = end + 1;
        }
        return null;
    }

    private static boolean isMarker(String text, int from, int to) {
        int s = from;
        while (s < to && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
            s++;
        }
        if (to - s < 8 || to - s > 160) {
            return false;
        }
        char c = text.charAt(s);
        boolean ruled = isRule(c) && isRule(text.charAt(s + 1));
        if (!ruled && "mMoOtTcCbB".indexOf(c) < 0) {
            return false;
        }
        if (!ruled) {
            // Compared in place: most lines that start with one of these letters are no marker, and copying each
            // in lower case cost more than the comparisons.
            for (String w : MARKER_PHRASES) {
                if (text.regionMatches(true, s, w, 0, w.length())) {
                    return true;
                }
            }
            return false;
        }
        String line = text.substring(s, to).toLowerCase(Locale.ROOT);
        for (String w : RULED_WORDS) {
            if (line.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRule(char c) {
        return c == '-' || c == '=' || c == '_' || c == '*';
    }

    /** A line that is only an address, maybe in angle brackets, maybe followed by ':' (qmail, Exim, Gmail, ...). */
    private static final Pattern ADDRESS_LINE = Pattern.compile(
            "^[ \\t]*(?:rcpt to:|to:|recipient:|recipients?:|address:|(?:could not be |was not |cannot be )?delivered to:|failed recipient:|undeliverable to)?"
                    + "[ \\t]*<?([^\\s<>()\\[\\]\"@,;:]+@[\\w.-]+\\w)>?:?"
                    + "((?:[ \\t]+on [^@]*|[ \\t]*\\[[^@]*\\]|[ \\t]*\\([^@]*\\)))?[ \\t]*$",
            Pattern.CASE_INSENSITIVE);

    /** An address at the start of a line followed by ':' and the reason (Postfix's bounce text, qmail variants). */
    private static final Pattern ADDRESS_COLON_TEXT = Pattern.compile(
            "^[ \\t]*(?:(?:[^\\s<>@:]+@[^\\s<>:]+[ \\t]+)?<([^\\s<>@]+@[\\w.-]+\\w)>:?|([^\\s<>@\"]+@[\\w.-]+\\w):)[ \\t]+(\\S.*)$");

    /** Sendmail's transcript line: "550 5.1.1 <user@example.org>... User unknown". */
    private static final Pattern SENDMAIL_LINE = Pattern.compile(
            "^[ \\t]*([245]\\d\\d)[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3} )?<?([^\\s<>@]+@[\\w.-]+\\w)>?\\.\\.\\.[ \\t]*(.*)$");

    /** The RCPT command of an SMTP transcript (Postfix "In:  RCPT TO:&lt;a&gt;", Sendmail "&gt;&gt;&gt; RCPT To:&lt;a&gt;"). */
    private static final Pattern RCPT_LINE = Pattern.compile(
            "^[ \\t]*(?:in:|>>>)[ \\t]*rcpt to:[ \\t]*<([^\\s<>@]+@[\\w.-]+\\w)>.*$", Pattern.CASE_INSENSITIVE);

    /** An address opening a line, then the reason (Zoho: "user@example.org Invalid Address, ERROR_CODE :550 ..."). */
    private static final Pattern ADDRESS_SPACE_TEXT = Pattern.compile(
            "^[ \\t]*([^\\s<>@\"()]+@[\\w.-]+\\w)[ \\t]+(\\S.*)$");

    private NoticeText() {
    }

    /** One failed recipient and the notice lines about it. */
    public record Block(String recipient, String diagnostic) {
    }

    /**
     * The address a recipient was expanded from, when its words open with Postfix's "(expanded from &lt;b@y&gt;):"
     * (Postfix bounce(8): an alias or forward expanded to the recipient; the sender knows b@y), else empty.
     */
    public static String expandedFrom(String diagnostic) {
        String d = diagnostic.stripLeading();
        if (!d.regionMatches(true, 0, EXPANDED_FROM, 0, EXPANDED_FROM.length())) {
            return "";
        }
        int close = d.indexOf(')');
        return close < 0 ? "" : org.rebound.dsn.Addresses.first(d.substring(EXPANDED_FROM.length(), close));
    }

    /** The words after Postfix's "(expanded from &lt;b@y&gt;):", or the diagnostic as it is. */
    public static String withoutExpandedFrom(String diagnostic) {
        if (expandedFrom(diagnostic).isEmpty()) {
            return diagnostic;
        }
        String d = diagnostic.stripLeading();
        int close = d.indexOf(')');
        int start = close + 1;
        if (start < d.length() && d.charAt(start) == ':') {
            start++;
        }
        return d.substring(start).trim();
    }

    private static final String EXPANDED_FROM = "(expanded from ";

    /** The index where the quoted original starts (after its marker line), or the text's length. */
    public static int originalStart(String text) {
        int[] m = marker(text);
        if (m == null) {
            return text.length();
        }
        int end = m[1];
        while (end < text.length() && (text.charAt(end) == '\r' || text.charAt(end) == '\n')) {
            end++;
        }
        return end;
    }

    /** The notice: the text before the quoted original. */
    public static String notice(String text) {
        int[] m = marker(text);
        return m == null ? text : text.substring(0, m[0]);
    }

    /**
     * Splits a notice into recipient blocks: each recipient line opens a block whose diagnostic is the text that
     * follows it, up to the next recipient line. Lines before the first recipient are the preamble.
     */
    public static List<Block> blocks(String notice) {
        List<Block> blocks = new ArrayList<>();
        String recipient = null;
        StringBuilder diagnostic = new StringBuilder();
        int pos = 0;
        int length = notice.length();
        while (pos <= length) {
            int end = notice.indexOf('\n', pos);
            if (end < 0) {
                end = length;
            }
            String line = notice.substring(pos, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            line = unquote(line);
            pos = end + 1;
            if (line.indexOf('@') >= 0) {
                Matcher m;
                if ((m = ADDRESS_LINE.matcher(line)).matches()) {
                    addBlock(blocks, recipient, diagnostic);
                    recipient = m.group(1);
                    diagnostic.setLength(0);
                    if (m.group(2) != null && !m.group(2).trim().startsWith("on ")) {
                        diagnostic.append(m.group(2).trim()).append('\n');
                    }
                    continue;
                }
                if ((m = ADDRESS_COLON_TEXT.matcher(line)).matches()) {
                    addBlock(blocks, recipient, diagnostic);
                    recipient = m.group(1) != null ? m.group(1) : m.group(2);
                    diagnostic.setLength(0);
                    diagnostic.append(m.group(3)).append('\n');
                    continue;
                }
                if ((m = RCPT_LINE.matcher(line)).matches()) {
                    addBlock(blocks, recipient, diagnostic);
                    recipient = m.group(1);
                    diagnostic.setLength(0);
                    continue;
                }
                if ((m = ADDRESS_SPACE_TEXT.matcher(line)).matches()) {
                    addBlock(blocks, recipient, diagnostic);
                    recipient = m.group(1);
                    diagnostic.setLength(0);
                    diagnostic.append(m.group(2)).append('\n');
                    continue;
                }
                if ((m = SENDMAIL_LINE.matcher(line)).matches()) {
                    addBlock(blocks, recipient, diagnostic);
                    recipient = m.group(2);
                    diagnostic.setLength(0);
                    diagnostic.append(line.trim()).append('\n');
                    continue;
                }
            }
            if (recipient != null) {
                diagnostic.append(line).append('\n');
            }
        }
        addBlock(blocks, recipient, diagnostic);
        return merge(blocks);
    }

    /** A bounce forwarded by a person comes quoted ("&gt; " before each line): read it unquoted. */
    private static String unquote(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '>' && i < 8) {
            i++;
            if (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
        }
        return i == 0 ? line : line.substring(i);
    }

    private static void addBlock(List<Block> blocks, String recipient, StringBuilder diagnostic) {
        if (recipient != null) {
            blocks.add(new Block(recipient.toLowerCase(Locale.ROOT), diagnostic.toString().trim()));
        }
    }

    /** A recipient named twice (qmail and Exim repeat the address in the reason) keeps one block. */
    private static List<Block> merge(List<Block> blocks) {
        List<Block> merged = new ArrayList<>();
        for (Block b : blocks) {
            int found = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).recipient().equals(b.recipient())) {
                    found = i;
                }
            }
            if (found < 0) {
                merged.add(b);
            } else if (!b.diagnostic().isEmpty()) {
                Block old = merged.get(found);
                merged.set(found, new Block(old.recipient(),
                        old.diagnostic().isEmpty() ? b.diagnostic() : old.diagnostic() + "\n" + b.diagnostic()));
            }
        }
        return merged;
    }
}

package org.rebound.classify;

/**
 * Joins a multiline SMTP reply into plain text for the rules. RFC 5321 section 4.2.1 repeats the reply code on
 * every line ("550-5.7.1 first line", "550 5.7.1 last line"), so a reply folded into one diagnostic reads
 * "multiple 550 5.7.1 addresses in From"; removing the repeated codes after the first lets a rule match the words.
 *
 * <p>What is removed, after white space: a reply code ([245]xx) followed by '-' and, optionally, an enhanced status
 * code (RFC 3463) and its white space; or a reply code, a space, an enhanced status code and its white space. A
 * scan by hand rather than a regular expression: every recipient's text passes here, and the expression's
 * replaceAll was a seventh of classification.
 */
final class ReplyText {

    private ReplyText() {
    }

    static String unfold(String diagnostic) {
        StringBuilder out = null;
        int copied = 0;
        int i = 1;
        while (i < diagnostic.length()) {
            int end = isSpace(diagnostic.charAt(i - 1)) ? repeatedCodeEnd(diagnostic, i) : -1;
            if (end < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(diagnostic.length());
            }
            out.append(diagnostic, copied, i);
            copied = end;
            i = end;
        }
        return out == null ? diagnostic : out.append(diagnostic, copied, diagnostic.length()).toString();
    }

    /** Where the repeated code starting at {@code i} ends, or -1 when none starts there. */
    private static int repeatedCodeEnd(String s, int i) {
        if (i + 3 >= s.length() || !isClassDigit(s.charAt(i)) || !isDigit(s.charAt(i + 1))
                || !isDigit(s.charAt(i + 2))) {
            return -1;
        }
        char separator = s.charAt(i + 3);
        if (separator == '-') {
            int end = enhancedStatusEnd(s, i + 4);
            return end < 0 ? i + 4 : end;
        }
        return separator == ' ' ? enhancedStatusEnd(s, i + 4) : -1;
    }

    /** The end of "[245].d{1,3}.d{1,3}" and the white space after it, starting at {@code i}; -1 when none. */
    private static int enhancedStatusEnd(String s, int i) {
        if (i + 1 >= s.length() || !isClassDigit(s.charAt(i)) || s.charAt(i + 1) != '.') {
            return -1;
        }
        int p = digitsEnd(s, i + 2);
        if (p < 0 || p >= s.length() || s.charAt(p) != '.') {
            return -1;
        }
        p = digitsEnd(s, p + 1);
        if (p < 0 || p >= s.length() || !isSpace(s.charAt(p))) {
            return -1;
        }
        while (p < s.length() && isSpace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The end of a run of one to three digits at {@code i}; -1 when there is none, or a longer one. */
    private static int digitsEnd(String s, int i) {
        int p = i;
        while (p < s.length() && isDigit(s.charAt(p))) {
            p++;
        }
        return p == i || p - i > 3 ? -1 : p;
    }

    private static boolean isClassDigit(char c) {
        return c == '2' || c == '4' || c == '5';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** White space as in a regular expression's \s: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}

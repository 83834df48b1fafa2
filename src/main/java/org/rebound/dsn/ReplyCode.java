package org.rebound.dsn;


/** Finds the SMTP reply code (RFC 5321 section 4.2) in a diagnostic text. */
public final class ReplyCode {

    private ReplyCode() {
    }

    /**
     * The first failure reply code (4xx, 5xx) in a diagnostic, else a 2xx code that opens it (a delivery report's
     * "250 2.1.5 Ok"), else empty: a 2xx number further on is more likely a size or a count than a reply.
     */
    public static String find(String diagnostic) {
        if (diagnostic.isEmpty()) {
            return "";
        }
        for (int i = next(diagnostic, 0); i >= 0; i = next(diagnostic, i + 3)) {
            char c = diagnostic.charAt(i);
            if (c == '4' || c == '5' || i == 0) {
                return diagnostic.substring(i, i + 3);
            }
        }
        return "";
    }

    /**
     * The start of the next three-digit reply code 2xx/4xx/5xx (second digit 0-5) at or after from, standing alone:
     * followed by space, '-', or the end, and not part of a longer number, a dotted number, an address or a "#"
     * tag; or -1. A scan by hand, which costs a fraction of the regular expression's look-behind at every position.
     */
    public static int next(String text, int from) {
        int length = text.length();
        for (int i = Math.max(from, 0); i + 2 < length; i++) {
            char c = text.charAt(i);
            if (c != '2' && c != '4' && c != '5') {
                continue;
            }
            char second = text.charAt(i + 1);
            char third = text.charAt(i + 2);
            if (second < '0' || second > '5' || third < '0' || third > '9') {
                continue;
            }
            if (i + 3 < length && text.charAt(i + 3) != ' ' && text.charAt(i + 3) != '-') {
                continue;
            }
            if (i > 0 && isGlued(text.charAt(i - 1))) {
                continue;
            }
            return i;
        }
        return -1;
    }

    /** Characters that make a number part of something else: a word, a dotted number, an address, a tag. */
    private static boolean isGlued(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || ".#/:=+-".indexOf(c) >= 0;
    }
}

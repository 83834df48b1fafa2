package org.rebound.classify;

import java.util.regex.Pattern;

/** A pattern over SMTP reply codes (RFC 5321 section 4.2): three characters, each a digit or {@code x} for any. */
public record ReplyPattern(String text) {

    private static final Pattern SYNTAX = Pattern.compile("[245xX][0-9xX][0-9xX]");

    public ReplyPattern {
        text = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("not a reply code pattern (three digits, x for any): '" + text + "'");
        }
    }

    public static ReplyPattern parse(String text) {
        return new ReplyPattern(text);
    }

    public boolean matches(String replyCode) {
        if (replyCode.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char p = text.charAt(i);
            if (p != 'x' && p != replyCode.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

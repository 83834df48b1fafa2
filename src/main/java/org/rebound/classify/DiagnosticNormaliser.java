package org.rebound.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a diagnostic text into a pattern shared by every message that differs only in its particulars: e-mail
 * addresses become {@code <addr>}, IP addresses (v4, and v6 with a letter or "::", unlike a time of day) {@code <ip>}, ids (queue ids, hashes, tokens mixing letters and
 * digits) {@code <id>} and other numbers {@code <n>}. SMTP reply codes (RFC 5321) and enhanced status codes
 * (RFC 3463) are kept, since they are what a rule matches on. Case and spacing are folded.
 */
public final class DiagnosticNormaliser {

    /** Longest pattern kept; longer texts are cut (the example column keeps the start of the real text). */
    public static final int MAX_LENGTH = 1000;

    private static final Pattern TOKENS = Pattern.compile(
            "(?<addr><?[\\w.!#$%&'*+/=?^`{|}~-]+@[\\w-]+(?:\\.[\\w-]+)*>?)"
                    + "|(?<ip>\\[?\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b\\]?(?::\\d+)?"
                    + "|\\[?(?<![\\w:.])(?=[0-9a-f:]*(?:::|[a-f]))(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}\\]?)"
                    + "|(?<status>\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b)"
                    + "|(?<reply>(?<![\\w.])[245]\\d\\d(?=[\\s-]|$))"
                    + "|(?<id>\\b(?=[\\w.=/+-]*\\d)(?=[\\w.=/+-]*[a-z])[\\w=/+-]{6,}\\b|\\b[0-9a-f]{8,}\\b)"
                    + "|(?<n>\\d+)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private DiagnosticNormaliser() {
    }

    public static String normalise(String diagnostic) {
        String text = WHITE_SPACE.matcher(diagnostic).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
        Matcher m = TOKENS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (m.group("addr") != null) {
                replacement = "<addr>";
            } else if (m.group("ip") != null) {
                replacement = "<ip>";
            } else if (m.group("status") != null || m.group("reply") != null) {
                replacement = m.group();
            } else if (m.group("id") != null) {
                replacement = "<id>";
            } else {
                replacement = "<n>";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
    }
}

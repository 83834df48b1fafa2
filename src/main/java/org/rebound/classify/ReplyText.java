package org.rebound.classify;

import java.util.regex.Pattern;

/**
 * Joins a multiline SMTP reply into plain text for the rules. RFC 5321 section 4.2.1 repeats the reply code on
 * every line ("550-5.7.1 first line", "550 5.7.1 last line"), so a reply folded into one diagnostic reads
 * "multiple 550 5.7.1 addresses in From"; removing the repeated codes after the first lets a rule match the words.
 */
final class ReplyText {

    private static final Pattern CONTINUATION =
            Pattern.compile("(?<=\\s)[245]\\d\\d(?:-(?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?| [245]\\.\\d{1,3}\\.\\d{1,3}\\s+)");

    private ReplyText() {
    }

    static String unfold(String diagnostic) {
        return mayContinue(diagnostic) ? CONTINUATION.matcher(diagnostic).replaceAll("") : diagnostic;
    }

    /** A cheap test first: a reply code after a space, then '-' or a space and a status code. */
    private static boolean mayContinue(String text) {
        for (int i = 1; i + 4 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '2' || c == '4' || c == '5') && Character.isWhitespace(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1)) && Character.isDigit(text.charAt(i + 2))
                    && (text.charAt(i + 3) == '-' || (text.charAt(i + 3) == ' ' && "245".indexOf(text.charAt(i + 4)) >= 0))) {
                return true;
            }
        }
        return false;
    }
}

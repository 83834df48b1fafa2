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
        return CONTINUATION.matcher(diagnostic).replaceAll("");
    }
}

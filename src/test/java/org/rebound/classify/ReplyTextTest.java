package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ReplyTextTest {

    /** The definition the hand-written scan follows: RFC 5321 section 4.2.1 continuation codes after white space. */
    private static final Pattern CONTINUATION =
            Pattern.compile("(?<=\\s)[245]\\d\\d(?:-(?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?| [245]\\.\\d{1,3}\\.\\d{1,3}\\s+)");

    @Test
    void repeatedCodesOfAMultilineReplyAreRemoved() {
        assertEquals("550-5.7.1 multiple addresses in From",
                ReplyText.unfold("550-5.7.1 multiple 550 5.7.1 addresses in From"));
    }

    @Test
    void aContinuationMarkerWithoutStatusLosesOnlyTheReplyCode() {
        assertEquals("first line second line", ReplyText.unfold("first line 550-second line"));
    }

    @Test
    void textWithoutRepeatedCodesIsReturnedAsIs() {
        String text = "550 5.1.1 <user@example.com>: Recipient address rejected";
        assertSame(text, ReplyText.unfold(text));
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomTexts() {
        Random random = new Random(20261203);
        String alphabet = "2455109.- \t\nx";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertEquals(CONTINUATION.matcher(s).replaceAll(""), ReplyText.unfold(s), () -> "text: [" + s + "]");
        }
    }
}

package org.rebound.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The word search finds exactly the labels that have a word in a text, and the smallest of them, as a search for
 * each word would.
 */
class WordSearchTest {

    /** Overlapping words, words inside others and shared prefixes: the cases the failure links must get right. */
    private static final List<Set<String>> WORDS = List.of(Set.of("user unknown", "unknown user"),
            Set.of("unknown"), Set.of("know"), Set.of("mailbox full", "mailbox is full"), Set.of("box"),
            Set.of("over quota", "quota exceeded"), Set.of("ota e"), Set.of("550 5.1.1"), Set.of("5.1"),
            Set.of("aaab"), Set.of("aab"), Set.of("spam"), Set.of("relay access denied", "relay"));

    private static WordSearch index() {
        Map<Integer, Set<String>> words = new HashMap<>();
        for (int g = 0; g < WORDS.size(); g++) {
            words.put(g, WORDS.get(g));
        }
        return new WordSearch(words, WORDS.size());
    }

    private static BitSet bySearch(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        BitSet found = new BitSet();
        for (int g = 0; g < WORDS.size(); g++) {
            for (String w : WORDS.get(g)) {
                if (lower.contains(w)) {
                    found.set(g);
                }
            }
        }
        return found;
    }

    @Test
    void findsTheGroupsOfWordsInTextsOfAnyCase() {
        WordSearch index = index();
        for (String text : List.of("", "550 5.1.1 <a@b>: User Unknown", "Mailbox Is Full; over QUOTA exceeded",
                "aaaab", "aaab", "xunknownuser unknown", "Relay access denied", "quota e\u00e9xceeded", "spa\u00e9m")) {
            assertEquals(bySearch(text), index.labelsIn(text), text);
        }
    }

    @Test
    void theSmallestLabelIsTheFirstOneASearchForEachWordFinds() {
        WordSearch index = index();
        for (String text : List.of("", "no word here", "550 5.1.1 <a@b>: User Unknown", "the box is full of SPAM",
                "aaab relay", "\u00e9know")) {
            BitSet found = bySearch(text);
            assertEquals(found.isEmpty() ? -1 : found.nextSetBit(0), index.smallestLabelIn(text), text);
        }
    }

    @Test
    void agreesWithASearchForEachWordOnRandomTexts() {
        WordSearch index = index();
        Random random = new Random(7);
        String alphabet = "aAbknowUsErmilfxqt5.1 0\u00e9";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(8) == 0) {
                    List<String> group = List.copyOf(WORDS.get(random.nextInt(WORDS.size())));
                    text.append(group.get(random.nextInt(group.size())));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            BitSet expected = bySearch(text.toString());
            assertEquals(expected, index.labelsIn(text.toString()), text.toString());
            assertEquals(expected.isEmpty() ? -1 : expected.nextSetBit(0), index.smallestLabelIn(text.toString()),
                    text.toString());
        }
    }

    @Test
    void aLetterBeyondAsciiInAWordStandsForAnyLetterBeyondAscii() {
        WordSearch index = new WordSearch(Map.of(0, Set.of("\u0080\u0080\u0080"), 1, Set.of("r\u0080pertori\u0080")), 2);
        assertEquals(BitSet.valueOf(new long[] {0b11}), index.labelsIn("non répertorié: ディレクトリ"));
        assertEquals(BitSet.valueOf(new long[] {0b10}), index.labelsIn("non RÉPERTORIÉ"));
    }

    @Test
    void aTextWithoutLettersBeyondAsciiHasNoWordThatNeedsOne() {
        WordSearch index = new WordSearch(Map.of(0, Set.of("\u0080\u0080\u0080"), 1, Set.of("r\u0080pertori\u0080")), 2);
        assertEquals(new BitSet(), index.labelsIn("non repertorie: directory, 550 user unknown"));
    }

    @Test
    void anAutomatonOfMoreThanSixtyFiveThousandStatesFindsItsWords() {
        // "w00000" to "w69999": some 81,000 states, past what a char can number.
        Map<Integer, Set<String>> words = new HashMap<>();
        for (int i = 0; i < 70_000; i++) {
            words.put(i, Set.of(String.format(Locale.ROOT, "w%05d", i)));
        }
        WordSearch index = new WordSearch(words, words.size());
        BitSet expected = new BitSet();
        expected.set(7);
        expected.set(69_999);
        assertEquals(expected, index.labelsIn("code W69999 and w00007; not w7 nor x12345"));
        assertEquals(7, index.smallestLabelIn("w69999 w00007"));
    }
}

package org.rebound.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Many lower-case ASCII words searched for at once, ASCII case ignored, in one pass over a text: an Aho-Corasick
 * automaton (A. V. Aho and M. J. Corasick, "Efficient string matching", CACM 18(6), 1975). Each word carries a
 * label, a small number shared by a group of words; a search tells which labels have a word in the text, or the
 * smallest such label.
 *
 * <p>A character beyond ASCII in a word stands for any character beyond ASCII (they share one class): the rule
 * book's required words may hold Japanese or accented letters, and a text without any such character then skips
 * their rules. Where exact phrases are searched (the status table), they are ASCII (PhraseBookLoader refuses others).
 *
 * <p>The rule book uses it to skip the rules whose required words a diagnostic lacks, so that classification stays
 * fast however many rules there are; the status derivation uses it to find the first phrase of its table in a
 * diagnostic, where testing each phrase with String.contains was the hottest spot.
 */
public final class WordSearch {

    private static final int ALPHABET = 128;

    /**
     * The transitions, flattened: the state after reading a character of class k in state s is next[s * classes +
     * k]. Characters are numbered by {@link #classOf}: only those that occur in some word get their own class, so
     * the table is a third of a 128-wide one. States are chars while there are at most 65,536 of them (the rule
     * book's index has about 6,300): half the bytes of ints, so the table (0.7 MB) stays in a core's 1 MB second-level
     * cache, where cache misses were most of the search's time. A larger automaton keeps ints ({@link #wideNext}).
     */
    private final char[] next;
    /** The transitions of an automaton of more than 65,536 states, as ints; empty otherwise. */
    private final int[] wideNext;
    private final byte[] classOf = new byte[ALPHABET];
    private final int classes;
    /** The class of every character beyond ASCII; 0 when no word has one (such a character then leads to the root). */
    private final int beyondAscii;
    /** For each state, the labels whose words end there, smallest first; null when none (most states). */
    private final int[][] outputs;
    private final int labels;

    /**
     * @param words  for each label (0 up to {@code labels - 1}), its words, in lower case
     * @param labels how many labels there are
     */
    public WordSearch(Map<Integer, ? extends Collection<String>> words, int labels) {
        this.labels = labels;
        int k = 1; // class 0: characters in no word, which lead back to the root from anywhere
        int beyond = 0;
        for (Collection<String> ws : words.values()) {
            for (String word : ws) {
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    if (c >= ALPHABET && beyond == 0) {
                        beyond = k++;
                    } else if (c < ALPHABET && classOf[c] == 0) {
                        classOf[c] = (byte) k++;
                    }
                }
            }
        }
        this.classes = k;
        this.beyondAscii = beyond;
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(empty(classes));
        out.add(new ArrayList<>());
        for (Map.Entry<Integer, ? extends Collection<String>> e : words.entrySet()) {
            for (String word : e.getValue()) {
                int node = 0;
                for (int i = 0; i < word.length(); i++) {
                    int c = classOf(word.charAt(i));
                    if (trie.get(node)[c] < 0) {
                        trie.get(node)[c] = trie.size();
                        trie.add(empty(classes));
                        out.add(new ArrayList<>());
                    }
                    node = trie.get(node)[c];
                }
                out.get(node).add(e.getKey());
            }
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int child = trie.get(0)[c];
            if (child < 0) {
                trie.get(0)[c] = 0;
            } else {
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            out.get(node).addAll(out.get(fail[node]));
            for (int c = 0; c < classes; c++) {
                int child = trie.get(node)[c];
                if (child < 0) {
                    trie.get(node)[c] = trie.get(fail[node])[c];
                } else {
                    fail[child] = trie.get(fail[node])[c];
                    queue.add(child);
                }
            }
        }
        boolean narrow = trie.size() <= Character.MAX_VALUE + 1;
        next = new char[narrow ? trie.size() * classes : 0];
        wideNext = new int[narrow ? 0 : trie.size() * classes];
        for (int i = 0; i < trie.size(); i++) {
            int[] row = trie.get(i);
            for (int c = 0; c < classes; c++) {
                if (narrow) {
                    next[i * classes + c] = (char) row[c];
                } else {
                    wideNext[i * classes + c] = row[c];
                }
            }
        }
        outputs = new int[out.size()][];
        for (int i = 0; i < out.size(); i++) {
            int[] labelsHere = out.get(i).stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
            outputs[i] = labelsHere.length == 0 ? null : labelsHere;
        }
    }

    private static int[] empty(int classes) {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    /** The labels that have a word in the text. */
    public BitSet labelsIn(String text) {
        BitSet found = new BitSet(labels);
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            node = step(node, text.charAt(i));
            int[] here = outputs[node];
            if (here != null) {
                for (int label : here) {
                    found.set(label);
                }
            }
        }
        return found;
    }

    /** The smallest label that has a word in the text, or -1 when none has. */
    public int smallestLabelIn(String text) {
        int best = Integer.MAX_VALUE;
        int node = 0;
        for (int i = 0; i < text.length() && best > 0; i++) {
            node = step(node, text.charAt(i));
            int[] here = outputs[node];
            if (here != null && here[0] < best) {
                best = here[0];
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /** The state after reading {@code c}: a character in no word leads back to the root. */
    private int step(int node, char c) {
        char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        int at = node * classes + classOf(lower);
        return next.length > 0 ? next[at] : wideNext[at];
    }

    private int classOf(char c) {
        return c < ALPHABET ? classOf[c] : beyondAscii;
    }
}

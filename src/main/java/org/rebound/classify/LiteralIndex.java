package org.rebound.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Aho-Corasick automaton over the required words of every rule's diagnostic expressions (see
 * {@link RequiredLiterals}), numbered by group: one pass over a diagnostic tells which groups have a word in it, so
 * that the regular expressions that cannot match are never run. This keeps classification fast however many rules
 * the book holds.
 */
final class LiteralIndex {

    private static final int ALPHABET = 128;

    /**
     * The transitions, flattened: the state after reading a character of class k in state s is next[s * classes +
     * k]. Characters are numbered by {@link #classOf}: only those that occur in some word get their own class, so
     * the table is a third of a 128-wide one and stays in the processor's cache (the wide table's misses were most
     * of the classification time).
     */
    private final int[] next;
    private final byte[] classOf = new byte[ALPHABET];
    private final int classes;
    /** For each state, the groups whose words end there; null when none (most states). */
    private final int[][] outputs;
    private final int groups;

    /**
     * @param words  for each group number, its words (lower case ASCII)
     * @param groups how many group numbers there are
     */
    LiteralIndex(Map<Integer, Set<String>> words, int groups) {
        this.groups = groups;
        int k = 1; // class 0: characters in no word, which lead back to the root from anywhere
        for (Set<String> ws : words.values()) {
            for (String word : ws) {
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    if (c < ALPHABET && classOf[c] == 0) {
                        classOf[c] = (byte) k++;
                    }
                }
            }
        }
        this.classes = k;
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(empty(classes));
        out.add(new ArrayList<>());
        for (Map.Entry<Integer, Set<String>> e : words.entrySet()) {
            for (String word : e.getValue()) {
                int node = 0;
                for (int i = 0; i < word.length(); i++) {
                    int c = word.charAt(i) < ALPHABET ? classOf[word.charAt(i)] : 0;
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
        next = new int[trie.size() * classes];
        for (int i = 0; i < trie.size(); i++) {
            System.arraycopy(trie.get(i), 0, next, i * classes, classes);
        }
        outputs = new int[out.size()][];
        for (int i = 0; i < out.size(); i++) {
            int[] groupsHere = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
            outputs[i] = groupsHere.length == 0 ? null : groupsHere;
        }
    }

    private static int[] empty(int classes) {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    /** The groups that have a word in the text. */
    BitSet candidates(String text) {
        BitSet found = new BitSet(groups);
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ALPHABET) {
                node = 0;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            node = next[node * classes + classOf[c]];
            int[] here = outputs[node];
            if (here != null) {
                for (int group : here) {
                    found.set(group);
                }
            }
        }
        return found;
    }
}

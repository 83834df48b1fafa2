package org.rebound.dsn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed list of lower-case ASCII phrases, searched for all at once (an Aho-Corasick automaton): one pass over a
 * text, in any case, tells the first phrase of the list that occurs anywhere in it. Testing each phrase with
 * String.contains cost a pass per phrase, the hottest spot of deriving status codes from wording.
 */
final class PhraseSet {

    private static final int ALPHABET = 128;

    private final int[] next;
    /** For each state, the smallest index of a phrase that ends there (or at a suffix of it); MAX_VALUE if none. */
    private final int[] first;

    PhraseSet(List<String> phrases) {
        List<int[]> trie = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        trie.add(row());
        ends.add(Integer.MAX_VALUE);
        for (int p = 0; p < phrases.size(); p++) {
            String phrase = phrases.get(p);
            int node = 0;
            for (int i = 0; i < phrase.length(); i++) {
                char c = phrase.charAt(i);
                if (c >= ALPHABET || (c >= 'A' && c <= 'Z')) {
                    throw new IllegalArgumentException("phrases are lower-case ASCII: " + phrase);
                }
                if (trie.get(node)[c] < 0) {
                    trie.get(node)[c] = trie.size();
                    trie.add(row());
                    ends.add(Integer.MAX_VALUE);
                }
                node = trie.get(node)[c];
            }
            ends.set(node, Math.min(ends.get(node), p));
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            if (child < 0) {
                trie.get(0)[c] = 0;
            } else {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            ends.set(node, Math.min(ends.get(node), ends.get(fail[node])));
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(node)[c];
                if (child < 0) {
                    trie.get(node)[c] = trie.get(fail[node])[c];
                } else {
                    fail[child] = trie.get(fail[node])[c];
                    queue.add(child);
                }
            }
        }
        next = new int[trie.size() * ALPHABET];
        first = new int[trie.size()];
        for (int i = 0; i < trie.size(); i++) {
            System.arraycopy(trie.get(i), 0, next, i * ALPHABET, ALPHABET);
            first[i] = ends.get(i);
        }
    }

    private static int[] row() {
        int[] r = new int[ALPHABET];
        Arrays.fill(r, -1);
        return r;
    }

    /** The index of the first phrase of the list that occurs in the text (ASCII case ignored), or -1. */
    int firstIn(String text) {
        int best = Integer.MAX_VALUE;
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
            node = next[node * ALPHABET + c];
            if (first[node] < best) {
                best = first[node];
                if (best == 0) {
                    return 0;
                }
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }
}

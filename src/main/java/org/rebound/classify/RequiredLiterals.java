package org.rebound.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in a regular expression, words that every match must contain: if none of them occurs in a text, the
 * expression cannot match it, and the (much slower) regular expression need not run. The analysis is conservative:
 * when it is unsure (an escape it does not know, a run shorter than three characters), it answers empty, meaning
 * "always run the expression". Words are lower case, as the rules match case-insensitively (ASCII only, like
 * {@link java.util.regex.Pattern#CASE_INSENSITIVE}); a letter beyond ASCII is written {@link #BEYOND_ASCII}.
 */
final class RequiredLiterals {

    private static final int MIN_LENGTH = 3;
    /** Stands for a letter beyond ASCII in a word: the word search reads them all as one (text.WordSearch). */
    static final char BEYOND_ASCII = '\u0080';
    /** Escapes of one character that match something other than that character, or nothing (anchors). */
    private static final String CLASS_ESCAPES = "bBdDsSwWhHvVRXAzZGtnrfae";

    private RequiredLiterals() {
    }

    /**
     * Groups of words that every match must contain: for each group, at least one of its words occurs. An empty
     * list means nothing is known, and the expression must always run.
     */
    static List<Set<String>> allOf(String regex) {
        List<String> alternatives = splitAlternatives(regex);
        if (alternatives.size() == 1) {
            List<Set<String>> groups = ofSequence(alternatives.get(0));
            return groups == null ? List.of() : groups;
        }
        return of(regex).map(List::of).orElse(List.of());
    }

    /**
     * The literal text every match starts with, in lower case (ASCII folded, as the rules match), or "" when the
     * expression does not start with one: a match can begin no earlier than the first place this text occurs, so
     * the search for it may start there (RuleBook). Leading word boundaries ({@code \b}) are passed over: they take
     * no characters.
     */
    static String prefix(String regex) {
        if (splitAlternatives(regex).size() > 1) {
            return "";
        }
        int i = 0;
        while (regex.startsWith("\\b", i)) {
            i += 2;
        }
        StringBuilder run = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int next;
            if (c == '\\') {
                if (i + 1 >= regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    break;
                }
                run.append(regex.charAt(i + 1));
                next = i + 2;
            } else if ("[](){}?*+|^$.".indexOf(c) >= 0) {
                break;
            } else {
                run.append(c < 128 ? Character.toLowerCase(c) : c);
                next = i + 1;
            }
            if (next < regex.length() && "?*{".indexOf(regex.charAt(next)) >= 0) {
                run.setLength(run.length() - 1); // the last character may be absent or repeated: not part of it
                break;
            }
            i = next;
        }
        return run.length() >= MIN_LENGTH ? run.toString() : "";
    }

    /** Words of which at least one occurs in any text the expression matches; empty when unknown. */
    static Optional<Set<String>> of(String regex) {
        Set<String> any = new HashSet<>();
        for (String alternative : splitAlternatives(regex)) {
            List<Set<String>> groups = ofSequence(alternative);
            if (groups == null || groups.isEmpty()) {
                return Optional.empty();
            }
            Set<String> best = null;
            for (Set<String> group : groups) {
                if (best == null || shortest(group) > shortest(best)) {
                    best = group;
                }
            }
            any.addAll(best);
        }
        return any.isEmpty() ? Optional.empty() : Optional.of(any);
    }

    /** Every group of words the sequence requires; null when the sequence holds something not understood. */
    private static List<Set<String>> ofSequence(String seq) {
        List<Set<String>> candidates = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < seq.length()) {
            char c = seq.charAt(i);
            if (c == '\\') {
                if (i + 1 >= seq.length()) {
                    return null;
                }
                char e = seq.charAt(i + 1);
                if (Character.isLetterOrDigit(e)) {
                    if (CLASS_ESCAPES.indexOf(e) < 0) {
                        return null;
                    }
                    flush(run, candidates);
                } else {
                    run.append(e);
                }
                i += 2;
                i = quantified(seq, i, run, candidates);
            } else if (c == '(') {
                int end = closing(seq, i);
                if (end < 0) {
                    return null;
                }
                flush(run, candidates);
                String body = seq.substring(i + 1, end);
                boolean optional = end + 1 < seq.length() && "?*{".indexOf(seq.charAt(end + 1)) >= 0;
                if (!optional && !body.startsWith("?")) {
                    of(body).ifPresent(candidates::add);
                } else if (!optional && body.startsWith("?:")) {
                    of(body.substring(2)).ifPresent(candidates::add);
                }
                i = skipQuantifier(seq, end + 1);
            } else if (c == '[') {
                int end = classEnd(seq, i);
                if (end < 0) {
                    return null;
                }
                flush(run, candidates);
                i = skipQuantifier(seq, end + 1);
            } else if (c == '.' || c == '^' || c == '$') {
                flush(run, candidates);
                i = skipQuantifier(seq, i + 1);
            } else if (c > 127) {
                // Pattern.CASE_INSENSITIVE folds ASCII only: the letter matches itself. The word search reads every
                // letter beyond ASCII as one (text.WordSearch), so the run keeps a stand-in for it.
                run.append(BEYOND_ASCII);
                i = quantified(seq, i + 1, run, candidates);
            } else {
                run.append(Character.toLowerCase(c));
                i = quantified(seq, i + 1, run, candidates);
            }
        }
        flush(run, candidates);
        return candidates;
    }

    /** After an atom: a ?, * or {0,..} makes it optional (drop it from the run); + or {n,} ends the run. */
    private static int quantified(String seq, int i, StringBuilder run, List<Set<String>> candidates) {
        if (i >= seq.length()) {
            return i;
        }
        char q = seq.charAt(i);
        if (q == '?' || q == '*' || q == '{') {
            if (!run.isEmpty()) {
                run.setLength(run.length() - 1);
            }
            flush(run, candidates);
            return skipQuantifier(seq, i);
        }
        if (q == '+') {
            flush(run, candidates);
            return skipQuantifier(seq, i);
        }
        return i;
    }

    private static int skipQuantifier(String seq, int i) {
        if (i < seq.length() && seq.charAt(i) == '{') {
            int close = seq.indexOf('}', i);
            i = close < 0 ? seq.length() : close + 1;
        } else if (i < seq.length() && "?*+".indexOf(seq.charAt(i)) >= 0) {
            i++;
        }
        if (i < seq.length() && (seq.charAt(i) == '?' || seq.charAt(i) == '+')) {
            i++; // lazy or possessive
        }
        return i;
    }

    private static void flush(StringBuilder run, List<Set<String>> candidates) {
        if (run.length() >= MIN_LENGTH) {
            candidates.add(Set.of(run.toString()));
        }
        run.setLength(0);
    }

    private static int shortest(Set<String> words) {
        return words.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Splits at the | that are not inside a group or a character class. */
    static List<String> splitAlternatives(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = classEnd(regex, i);
                i = end < 0 ? regex.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    private static int closing(String seq, int open) {
        int depth = 0;
        for (int i = open; i < seq.length(); i++) {
            char c = seq.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = classEnd(seq, i);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int classEnd(String seq, int open) {
        int i = open + 1;
        if (i < seq.length() && seq.charAt(i) == '^') {
            i++;
        }
        if (i < seq.length() && seq.charAt(i) == ']') {
            i++;
        }
        for (; i < seq.length(); i++) {
            char c = seq.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1; // nested classes and intersections: too clever for this analysis
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}

package org.rebound.classify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.text.WordSearch;

/**
 * An immutable, ordered list of rules: the first rule whose conditions hold decides. Operator rules come first, then
 * the shipped files in file-name order (text and provider rules, then the RFC 3463 status-code and RFC 5321
 * reply-code fallbacks). A reloaded book is a new instance, so a classification never sees half an edit.
 */
public final class RuleBook {

    private static final int INDEXED_LENGTH = 12;

    private final List<Rule> rules;
    private final Map<String, Rule> byId = new LinkedHashMap<>();
    private final WordSearch index;
    /** For each rule, the number of its first diagnostic expression. */
    private final int[] firstExpression;
    /** For each diagnostic expression, its groups of words in the index (one word of each must occur). */
    private final int[][] wordGroups;
    /** For each diagnostic expression, the literal text its matches start with, or "" (RequiredLiterals.prefix). */
    private final String[] prefixes;
    /** For each group of words, the rule whose expression needs it. */
    private final int[] ruleOfGroup;
    /**
     * The rules that must always be tried: those without diagnostic expressions, and those with an expression whose
     * required words are unknown. Any other rule is tried only when a word of one of its groups occurs.
     */
    private final BitSet alwaysTried;

    public RuleBook(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        for (Rule r : this.rules) {
            Rule earlier = byId.putIfAbsent(r.id(), r);
            if (earlier != null) {
                throw new RuleBookException(r.file(), r.line(),
                        "duplicate rule id '" + r.id() + "' (first defined at " + earlier.location() + ")");
            }
        }
        Map<Integer, Set<String>> words = new HashMap<>();
        List<int[]> groupsOf = new ArrayList<>();
        List<String> prefixOf = new ArrayList<>();
        List<Integer> ruleOf = new ArrayList<>();
        this.alwaysTried = new BitSet(this.rules.size());
        int groups = 0;
        for (int r = 0; r < this.rules.size(); r++) {
            Rule rule = this.rules.get(r);
            if (rule.conditions().diagnostic().isEmpty()) {
                alwaysTried.set(r);
            }
            for (Pattern p : rule.conditions().diagnostic()) {
                List<Set<String>> required = RequiredLiterals.allOf(p.pattern());
                prefixOf.add(RequiredLiterals.prefix(p.pattern()));
                if (required.isEmpty()) {
                    alwaysTried.set(r);
                }
                int[] ids = new int[required.size()];
                for (int g = 0; g < ids.length; g++) {
                    ids[g] = groups;
                    ruleOf.add(r);
                    words.put(groups++, indexed(required.get(g)));
                }
                groupsOf.add(ids);
            }
        }
        this.ruleOfGroup = ruleOf.stream().mapToInt(Integer::intValue).toArray();
        this.index = new WordSearch(words, groups);
        this.wordGroups = groupsOf.toArray(new int[0][]);
        this.prefixes = prefixOf.toArray(new String[0]);
        this.firstExpression = new int[this.rules.size()];
        int expressions = 0;
        for (int i = 0; i < this.rules.size(); i++) {
            firstExpression[i] = expressions;
            expressions += this.rules.get(i).conditions().diagnostic().size();
        }
    }

    /**
     * What the index holds of a group's words: the first {@value #INDEXED_LENGTH} characters of each. A rule is
     * tried when they occur, and its expression decides; the index only has to rule out the rules a text cannot
     * match. Whole phrases (the reference tables' are long) made an automaton of 21,400 states, a 5 MB table whose
     * cache misses were most of the search's time; their first twelve characters make one of 6,300 (1.4 MB). On the
     * shared corpus that tries a tenth more rule expressions (8,872 against 8,049) and classifies faster: same-JVM
     * A/B of parse and classify, median time ratio 1.05-1.07 over 10 and 16 characters' 0.99-1.05.
     */
    private static Set<String> indexed(Set<String> words) {
        Set<String> heads = new HashSet<>();
        for (String w : words) {
            heads.add(w.length() > INDEXED_LENGTH ? w.substring(0, INDEXED_LENGTH) : w);
        }
        return heads;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The first rule that matches, with the evidence it matched; empty when none does. Rules whose diagnostic
     * expression needs a word the text lacks are skipped without running the expression (see WordSearch).
     */
    public Optional<RuleMatch> firstMatch(BounceReport report, RecipientStatus recipient) {
        BitSet found = index.labelsIn(recipient.diagnostic());
        BitSet tried = candidates(found);
        Text text = new Text(recipient.diagnostic());
        for (int i = tried.nextSetBit(0); i >= 0; i = tried.nextSetBit(i + 1)) {
            Optional<RuleMatch> m = match(i, found, text, report, recipient);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /**
     * Every rule that matches, in book order: the first decides, the others lost to it (see Competition). For
     * `explain`; classifying needs only {@link #firstMatch}.
     */
    public List<RuleMatch> allMatches(BounceReport report, RecipientStatus recipient) {
        BitSet found = index.labelsIn(recipient.diagnostic());
        BitSet tried = candidates(found);
        Text text = new Text(recipient.diagnostic());
        List<RuleMatch> matches = new ArrayList<>();
        for (int i = tried.nextSetBit(0); i >= 0; i = tried.nextSetBit(i + 1)) {
            match(i, found, text, report, recipient).ifPresent(matches::add);
        }
        return matches;
    }

    /**
     * The rules worth trying on a text, in book order: those always tried, and those with a word of theirs in it. A
     * book of many text rules then costs little more per result than a small one: most rules are never looked at.
     */
    private BitSet candidates(BitSet found) {
        BitSet tried = (BitSet) alwaysTried.clone();
        for (int g = found.nextSetBit(0); g >= 0; g = found.nextSetBit(g + 1)) {
            tried.set(ruleOfGroup[g]);
        }
        return tried;
    }

    private Optional<RuleMatch> match(int i, BitSet found, Text text, BounceReport report, RecipientStatus recipient) {
        Rule rule = rules.get(i);
        int first = firstExpression[i];
        int count = rule.conditions().diagnostic().size();
        if (count > 0 && !anyMayMatch(found, first, count)) {
            return Optional.empty();
        }
        return rule.conditions().test(report, recipient,
                        e -> mayMatch(found, first + e) ? text.indexOf(prefixes[first + e]) : -1)
                .map(evidence -> new RuleMatch(rule, evidence));
    }

    /**
     * A diagnostic, and its copy with ASCII letters in lower case (made when first needed), where a match's literal
     * start is looked for: String.indexOf finds it far faster than a case-insensitive expression walks up to it.
     * Only ASCII is folded, as Pattern.CASE_INSENSITIVE folds only ASCII, so positions are the same in both.
     */
    private static final class Text {
        private final String original;
        private String asciiLower;

        Text(String original) {
            this.original = original;
        }

        /** Where {@code prefix} first occurs, or -1; 0 for no prefix. */
        int indexOf(String prefix) {
            if (prefix.isEmpty()) {
                return 0;
            }
            if (asciiLower == null) {
                char[] chars = original.toCharArray();
                for (int i = 0; i < chars.length; i++) {
                    if (chars[i] >= 'A' && chars[i] <= 'Z') {
                        chars[i] += 'a' - 'A';
                    }
                }
                asciiLower = new String(chars);
            }
            return asciiLower.indexOf(prefix);
        }
    }

    private boolean anyMayMatch(BitSet found, int first, int count) {
        for (int e = first; e < first + count; e++) {
            if (mayMatch(found, e)) {
                return true;
            }
        }
        return false;
    }

    /** An expression may match when each of its groups of required words has one in the text. */
    private boolean mayMatch(BitSet found, int expression) {
        for (int group : wordGroups[expression]) {
            if (!found.get(group)) {
                return false;
            }
        }
        return true;
    }
}

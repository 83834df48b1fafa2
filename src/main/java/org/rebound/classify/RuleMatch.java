package org.rebound.classify;

/** A rule that decided a result, and the text (or code) it matched. */
public record RuleMatch(Rule rule, String matchedText) {
}

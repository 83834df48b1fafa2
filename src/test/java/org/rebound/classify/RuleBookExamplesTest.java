package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example of every shipped rule through the whole rule book: each must be decided by its own rule, so a
 * rule shadowed by an earlier one (or an example that proves nothing) fails here, naming the rule's file and line.
 */
class RuleBookExamplesTest {

    static Stream<Arguments> examples() {
        return ShippedRules.book().rules().stream().flatMap(rule -> rule.examples().stream()
                .map(e -> Arguments.of(rule.file() + ":" + e.line() + " " + rule.id(), rule, e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsDecidedByItsOwnRule(String name, Rule rule, RuleExample example) {
        String decidedBy = ShippedRules.book().firstMatch(example.toReport(), example.toRecipient())
                .map(m -> m.rule().id() + " (" + m.rule().location() + ")").orElse("no rule");
        assertEquals(rule.id() + " (" + rule.location() + ")", decidedBy,
                "example at " + rule.file() + ":" + example.line() + " is decided by another rule");
    }
}

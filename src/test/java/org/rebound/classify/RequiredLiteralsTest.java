package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words a regular expression requires, which decide whether it needs to run at all. */
class RequiredLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            'mailbox (?:is )?full'                    => 'mailbox ;full'
            'no such (?:user|mailbox)'                => 'no such ;mailbox,user'
            '\\bspf\\b.{0,40}\\b(?:fail|failed)\\b'  => 'spf;fail,failed'
            'over (?:the )?quota'                     => 'over ;quota'
            'host [\\w.-]+ not found'                 => 'host ; not found'
            'Relay Access Denied'                     => 'relay access denied'
            """)
    void requiredWordsOfEachPartAreFound(String regex, String expected) {
        List<Set<String>> groups = List.of(expected.split(";")).stream()
                .map(g -> Set.of(g.split(","))).toList();
        assertEquals(Set.copyOf(groups), Set.copyOf(RequiredLiterals.allOf(regex)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            (?:ab|cd)
            '\\x41BCD'
            [a-z]+
            """)
    void expressionsWithoutKnownWordsAlwaysRun(String regex) {
        assertEquals(List.of(), RequiredLiterals.allOf(regex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            'Recipient address rejected\\.?\\s*$'   => 'recipient address rejected'
            '\\brejected\\b'                          => 'rejected'
            'mailbox (?:is )?full'                    => 'mailbox '
            'e-?mail address'                         => ''
            'no such user+'                           => 'no such user'
            'over quotas?'                            => 'over quota'
            '5\\.1\\.1 user'                          => '5.1.1 user'
            'user|mailbox'                            => ''
            '(?:user|mailbox) unknown'                => ''
            '\\d{3} refused'                          => ''
            'non répertorié'                          => 'non répertorié'
            """)
    void aMatchStartsWithTheLiteralTextBeforeAnythingElse(String regex, String expected) {
        assertEquals(expected == null ? "" : expected, RequiredLiterals.prefix(regex));
    }

    @Test
    void lettersBeyondAsciiStandAsOneLetterInTheWords() {
        String any = String.valueOf(RequiredLiterals.BEYOND_ASCII);
        assertEquals(List.of(Set.of(any.repeat(6))), RequiredLiterals.allOf("ディレクトリ"));
        assertEquals(Set.of(Set.of("non r" + any + "pertori" + any + " dans l'annuaire domino")),
                Set.copyOf(RequiredLiterals.allOf("non répertorié dans l'annuaire domino")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            'dynamic ip|dial-?up|residential ip' => 'dynamic ip,residential ip,dial'
            """)
    void topLevelAlternativesNeedOneOfTheirWords(String regex, String expected) {
        assertEquals(List.of(Set.of(expected.split(","))), RequiredLiterals.allOf(regex));
    }
}

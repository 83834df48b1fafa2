package org.rebound.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhitespaceTest {

    @ParameterizedTest(name = "{0} [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', textBlock = """
            FOLDING            | 'a\\r\\n  b'      | 'a b'
            FOLDING            | '  a  b  '        | 'a b'
            FOLDING            | 'a\\u0001b'       | 'a\\u0001b'
            SPACE_AND_CONTROLS | 'a\\u0001b'       | 'a b'
            SPACE_AND_CONTROLS | 'a\\n\\tb\\n'      | 'a b'
            SPACE_AND_CONTROLS | ''                | ''
            """)
    void runsOfWhiteSpaceBecomeOneSpaceAndNoneAtTheEnds(Whitespace kind, String text, String collapsed) {
        assertEquals(unescape(collapsed), kind.collapse(unescape(text)));
    }

    @ParameterizedTest
    @CsvSource({"FOLDING", "SPACE_AND_CONTROLS"})
    void aTextOnOneLineAlreadyIsReturnedAsItIs(Whitespace kind) {
        String text = "550 5.1.1 <a@example.com>: user unknown";
        assertSame(text, kind.collapse(text));
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\u0001", "\u0001");
    }
}

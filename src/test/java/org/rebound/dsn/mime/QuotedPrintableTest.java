package org.rebound.dsn.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quoted-printable bodies decode as RFC 2045 section 6.7 says, and malformed ones without loss. */
class QuotedPrintableTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            caf=C3=A9                 | café
            caf=c3=a9                 | café
            soft=\\nbreak             | softbreak
            soft=\\r\\nbreak          | softbreak
            soft=  \\r\\nbreak        | softbreak
            ends with =               | ends with\\u0020
            a = b                     | a = b
            bad =ZZ hex               | bad =ZZ hex
            """)
    void decodesLeniently(String encoded, String decoded) {
        String in = encoded.replace("\\r", "\r").replace("\\n", "\n");
        String expected = decoded.replace("\\u0020", " ");
        assertEquals(expected, new String(QuotedPrintable.decode(in.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.UTF_8));
    }
}

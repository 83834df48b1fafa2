package org.rebound.dsn.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick field builder accepts and refuses exactly the header lines Mime4j's own builder does. */
class QuickFieldBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"Subject: hello\r\n", "Subject : hello\r\n", " Subject: x\r\n", "X-Foo:\r\n",
            ": no name\r\n", "no colon at all\r\n", "Your message: was not delivered\r\n", "From sender Mon Jan 1\r\n",
            "X-Foo (comment): bar\r\n", "X-Foo(a b): bar\r\n", "Caf\u00e9: x\r\n", "X\tY: z\r\n", "X-\u0001: y\r\n", "X-\u007f: y\r\n", "A\u0001 B: y\r\n", "\u00e9 : y\r\n",
            "Received: from a\r\n\tby b\r\n",
            "Original message (attached): x\r\n", "X-Foo (a:b): c\r\n", "X-Foo (unclosed: c\r\n", "X-Foo (a\\) b): c\r\n",
            "(c) Foo: x\r\n", "Foo(c)Bar: x\r\n", "\r\n", "Final-Recipient: rfc822; a@b.example\r\n"})
    void acceptsAndRefusesTheLinesMime4jDoes(String line) throws MimeException {
        assertEquals(outcome(new DefaultFieldBuilder(-1), line), outcome(new QuickFieldBuilder(-1), line));
    }

    @Test
    void agreesWithMime4jOnRandomLines() throws MimeException {
        Random random = new Random(11);
        String alphabet = "ab-X: \t()\\\u0001\u007f\u00e9\r\n;=";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            line.append("\r\n");
            assertEquals(outcome(new DefaultFieldBuilder(-1), line.toString()),
                    outcome(new QuickFieldBuilder(-1), line.toString()), line.toString());
        }
    }

    private static String outcome(FieldBuilder builder, String line) throws MimeException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        builder.reset();
        builder.append(new ByteArrayBuffer(bytes, bytes.length, false));
        try {
            RawField f = builder.build();
            return f == null ? "null" : f.getName() + "|" + f.getBody() + "|" + f.getDelimiterIdx();
        } catch (MimeException e) {
            return "refused";
        }
    }
}

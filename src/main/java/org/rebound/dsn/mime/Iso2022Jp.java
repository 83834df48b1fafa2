package org.rebound.dsn.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Japanese text in ISO-2022-JP (RFC 1468) written where no charset says so. Lotus Domino writes it raw into the
 * Diagnostic-Code of the message/delivery-status part, whose fields are US-ASCII (RFC 3464 section 2.1.2) and which
 * carries no charset, so the text was read byte for byte. ISO-2022-JP is 7-bit and its escape sequences (ESC $ B,
 * ESC $ @ into JIS X 0208; ESC ( B, ESC ( J back) mark every switch, so such text is decoded after the fact without
 * guessing; any other text is returned as it is.
 */
public final class Iso2022Jp {

    private static final Optional<Charset> CHARSET = Charset.isSupported("ISO-2022-JP")
            ? Optional.of(Charset.forName("ISO-2022-JP")) : Optional.empty();

    private Iso2022Jp() {
    }

    /** The text decoded when it holds an ISO-2022-JP switch into JIS X 0208 and only 7-bit characters. */
    public static String decode(String text) {
        if (CHARSET.isEmpty() || text.indexOf('\u001b') < 0
                || !(text.contains("\u001b$B") || text.contains("\u001b$@"))) {
            return text;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return text;
            }
        }
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), CHARSET.get());
    }
}

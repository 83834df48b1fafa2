package org.rebound.dsn.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * One leaf part of a returned message after the MIME walk: its media type (lower-case, such as "text/plain" or
 * "message/delivery-status"), its own header fields and its body. The body is decoded from its transfer encoding
 * and charset only when a parser asks for it: most parts (HTML alternatives, attached originals' bodies) are
 * never read, and decoding them would be most of the parsing time.
 */
public final class MimePart {

    private final String mediaType;
    private final Headers headers;
    private final byte[] raw;
    private final String transferEncoding;
    private final Charset charset;
    private String text;

    /**
     * @param mediaType        lower-case type/subtype; "text/plain" when the part declares none (RFC 2045 5.2)
     * @param headers          the part's own header fields
     * @param raw              the body as transmitted (still transfer-encoded)
     * @param transferEncoding the Content-Transfer-Encoding, lower-case
     * @param charset          the charset to read the decoded bytes with
     */
    public MimePart(String mediaType, Headers headers, byte[] raw, String transferEncoding, Charset charset) {
        this.mediaType = mediaType;
        this.headers = headers;
        this.raw = raw;
        this.transferEncoding = transferEncoding.toLowerCase(Locale.ROOT);
        this.charset = charset;
    }

    /** A part whose text is already known (tests, and a multipart's preamble read as text). */
    public static MimePart ofText(String mediaType, Headers headers, String text) {
        MimePart part = new MimePart(mediaType, headers, new byte[0], "", java.nio.charset.StandardCharsets.UTF_8);
        part.text = text;
        return part;
    }

    public String mediaType() {
        return mediaType;
    }

    public Headers headers() {
        return headers;
    }

    public boolean isText() {
        return mediaType.startsWith("text/");
    }

    /** The decoded body: quoted-printable and base64 undone leniently (RFC 2045 section 6), then the charset. */
    public String text() {
        if (text == null) {
            text = new String(decoded(), charset);
        }
        return text;
    }

    private byte[] decoded() {
        if (raw.length == 0 || !(transferEncoding.equals("quoted-printable") || transferEncoding.equals("base64"))) {
            return raw;
        }
        if (transferEncoding.equals("quoted-printable")) {
            return QuotedPrintable.decode(raw);
        }
        try (InputStream decoding = new Base64InputStream(new ByteArrayInputStream(raw), DecodeMonitor.SILENT)) {
            return decoding.readAllBytes();
        } catch (IOException e) {
            // Only a ByteArrayInputStream underneath: the silent decoders skip bad input instead of failing.
            throw new UncheckedIOException(e);
        }
    }
}

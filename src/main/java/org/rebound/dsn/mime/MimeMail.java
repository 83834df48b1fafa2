package org.rebound.dsn.mime;

import java.util.List;

/**
 * A returned message after one MIME walk: its own header fields and its leaf parts in order. Format parsers read
 * this instead of walking the MIME structure again.
 *
 * @param headers the top-level header fields
 * @param parts   every leaf part in document order (a single-part message has one)
 */
public record MimeMail(Headers headers, List<MimePart> parts) {

    public MimeMail {
        parts = List.copyOf(parts);
    }

    /** The first part of a media type, such as "message/delivery-status". */
    public java.util.Optional<MimePart> first(String mediaType) {
        for (MimePart p : parts) {
            if (p.mediaType().equals(mediaType)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** The text of the first text/plain part (else the first text/* part), or empty. */
    public String mainText() {
        for (MimePart p : parts) {
            if (p.mediaType().equals("text/plain")) {
                return p.text();
            }
        }
        for (MimePart p : parts) {
            if (p.isText() && !p.mediaType().equals("text/rfc822-headers")) {
                return p.text();
            }
        }
        return "";
    }
}

package org.rebound.dsn.mime;

/**
 * One leaf part of a returned message after the MIME walk: its media type (lower-case, such as "text/plain" or
 * "message/delivery-status"), its own header fields and its body decoded from its transfer encoding and charset.
 *
 * @param mediaType lower-case type/subtype; "text/plain" when the part declares none (RFC 2045 section 5.2)
 * @param headers   the part's own header fields
 * @param text      the decoded body (for message/rfc822 parts: the attached message as text)
 */
public record MimePart(String mediaType, Headers headers, String text) {

    public boolean isText() {
        return mediaType.startsWith("text/");
    }
}

package org.rebound.dsn.format;

import java.util.Locale;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.rebound.dsn.Addresses;
import org.rebound.dsn.OriginalMessage;
import org.rebound.dsn.mime.Headers;
import org.rebound.dsn.mime.MimeMail;
import org.rebound.dsn.mime.MimePart;

/**
 * A returned message after the MIME walk, with the evidence every format parser looks at computed once: sender,
 * subject (RFC 2047 words decoded), the main text, and where the quoted original starts.
 */
public final class ReturnedMail {

    private final MimeMail mime;
    private final String fromAddress;
    private final String fromLower;
    private final String subjectLower;
    private final String text;
    private OriginalMessage original;
    private Headers originalHeaders = Headers.EMPTY;

    public ReturnedMail(MimeMail mime) {
        this.mime = mime;
        String from = mime.headers().first("from");
        this.fromLower = decode(from).toLowerCase(Locale.ROOT);
        this.fromAddress = Addresses.first(from);
        this.subjectLower = decode(mime.headers().first("subject")).toLowerCase(Locale.ROOT);
        this.text = mime.mainText();
    }

    private static String decode(String header) {
        return header.contains("=?") ? DecoderUtil.decodeEncodedWords(header, DecodeMonitor.SILENT) : header;
    }

    public MimeMail mime() {
        return mime;
    }

    public Headers headers() {
        return mime.headers();
    }

    /** The whole From header, decoded and lower-cased. */
    public String fromLower() {
        return fromLower;
    }

    /** The sender's address, lower-cased, or empty. */
    public String fromAddress() {
        return fromAddress;
    }

    public String subjectLower() {
        return subjectLower;
    }

    /** The text of the main text part: where non-standard bounces write their notice. */
    public String text() {
        return text;
    }

    /** The address the bounce was sent to, which carries a VERP token when the sender used one. */
    public String returnPath() {
        for (String name : new String[] {"delivered-to", "x-original-to", "to"}) {
            String address = Addresses.first(mime.headers().first(name));
            if (!address.isEmpty()) {
                return address;
            }
        }
        return "";
    }

    /** True when the sender is a mail system rather than a person (RFC 5321 section 4.5.5 null sender's agents). */
    public boolean fromMailSystem() {
        return fromLower.contains("mailer-daemon") || fromLower.contains("postmaster")
                || fromLower.contains("mail delivery") || fromLower.contains("mail administrator")
                || fromLower.contains("mailerdaemon") || fromLower.contains("mail system")
                || fromLower.contains("post_master") || fromLower.contains("mail deliver");
    }

    /**
     * The original message's headers: from an attached message/rfc822 (or message/global, RFC 6532) part, a
     * text/rfc822-headers part (RFC 6522), or the text quoted below the notice of a non-standard bounce.
     */
    public OriginalMessage original() {
        if (original == null) {
            original = findOriginal();
        }
        return original;
    }

    private OriginalMessage findOriginal() {
        for (MimePart part : mime.parts()) {
            String type = part.mediaType();
            if (type.equals("message/rfc822") || type.equals("message/global") || type.equals("text/rfc822-headers")
                    || type.equals("message/global-headers") || type.equals("message/rfc822-headers")) {
                Headers h = Headers.parse(part.text());
                if (!h.isEmpty()) {
                    originalHeaders = h;
                    return toOriginal(h);
                }
            }
        }
        int start = NoticeText.originalStart(text);
        if (start < text.length()) {
            Headers h = Headers.parse(text, start, text.length());
            if (!h.isEmpty()) {
                originalHeaders = h;
                return toOriginal(h);
            }
        }
        return OriginalMessage.UNKNOWN;
    }

    /** The original message's header fields as found (see {@link #original()}), every occurrence, in order. */
    Headers originalHeaders() {
        original();
        return originalHeaders;
    }

    static OriginalMessage toOriginal(Headers h) {
        return new OriginalMessage(Addresses.messageId(h.first("message-id")), h.asMap());
    }
}

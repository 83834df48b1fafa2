package org.rebound.dsn.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.rebound.dsn.mime.UnparseableMessageException;

/**
 * Walks the raw bytes of a message once with Apache James Mime4j's streaming parser in permissive mode (fast and
 * lenient: the prototype measured it at ~39,000 messages/s with no failures on the shared corpus, against ~4,500
 * and 6 % failing for Jakarta Mail) and decodes every leaf body from its transfer encoding and charset.
 * Attached messages (message/rfc822) are not recursed into: their text is kept and read as headers by the
 * format parsers, which need only the original's headers.
 */
public final class MimeReader {

    /** Bodies of attached messages are kept only this far: the original's headers are all we read of them. */
    private static final int ATTACHED_MESSAGE_KEEP = 64 * 1024;

    private final int maxDepth;

    /**
     * @param maxDepth the deepest multipart nesting accepted. No part can be larger than the message, whose size the
     *                 caller caps before the walk.
     */
    public MimeReader(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public MimeMail read(byte[] raw) throws UnparseableMessageException {
        QuickFieldBuilder fields = new QuickFieldBuilder(MimeConfig.PERMISSIVE.getMaxHeaderLen());
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, fields, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        Headers.Builder top = new Headers.Builder();
        Headers.Builder current = top;
        List<MimePart> parts = new ArrayList<>();
        int depth = 0;
        String preamble = null;
        byte[] scratch = scratch(raw.length);
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_BODYPART -> current = new Headers.Builder();
                    case T_FIELD -> current.add(stream.getField());
                    case T_START_MULTIPART -> {
                        if (++depth > maxDepth) {
                            throw new UnparseableMessageException("MIME nesting deeper than " + maxDepth);
                        }
                    }
                    case T_END_MULTIPART -> depth--;
                    case T_BODY -> parts.add(body(stream, current.build(), scratch));
                    case T_PREAMBLE -> {
                        if (parts.isEmpty() && preamble == null) {
                            int n = stream.getInputStream().readNBytes(scratch, 0, scratch.length);
                            preamble = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
                        }
                    }
                    default -> {
                        // preamble, epilogue and entity boundaries carry nothing a bounce parser reads
                    }
                }
            }
        } catch (IOException | MimeException e) {
            throw new UnparseableMessageException("cannot read MIME structure: " + e.getMessage(), e);
        } finally {
            // Hands the field buffer back to Mime4j's per-thread BufferRecycler; the token stream never does, and
            // a new buffer for every message was a tenth of what parsing allocated.
            fields.release();
        }
        Headers headers = top.build();
        if (headers.isEmpty()) {
            throw new UnparseableMessageException("not a message: no header fields");
        }
        if (parts.isEmpty() && preamble != null) {
            // A multipart whose boundary never occurs (some old MTAs) is all preamble: read it as the text.
            parts.add(MimePart.ofText("text/plain", Headers.EMPTY, preamble));
        }
        return new MimeMail(headers, parts);
    }

    /**
     * A buffer at least as large as the message, for copying its parts out of the stream: the thread's own, reused,
     * for the common message up to {@link #SCRATCH_KEEP} bytes (allocating and zeroing one per message cost more
     * than the copying); a larger message gets one of its own, which is not kept.
     */
    private static byte[] scratch(int messageBytes) {
        int size = Math.max(messageBytes, 1);
        if (size > SCRATCH_KEEP) {
            return new byte[size];
        }
        byte[] kept = SCRATCH.get();
        if (kept.length < size) {
            kept = new byte[Math.max(size, Math.min(SCRATCH_KEEP, 2 * kept.length))];
            SCRATCH.set(kept);
        }
        return kept;
    }

    private static final int SCRATCH_KEEP = 1 << 20;

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /**
     * @param scratch a buffer as large as the whole message (no part can be larger), reused for every part of it
     */
    private MimePart body(MimeTokenStream stream, Headers headers, byte[] scratch) throws IOException {
        BodyDescriptor descriptor = stream.getBodyDescriptor();
        String mediaType = mediaType(descriptor.getMimeType());
        InputStream in = stream.getInputStream();
        if (!mediaType.startsWith("text/") && !mediaType.startsWith("message/")) {
            // Images, archives and other attachments say nothing about delivery: count them against the cap
            // without keeping them.
            drain(in, scratch);
            return new MimePart(mediaType, headers, new byte[0], "", StandardCharsets.ISO_8859_1);
        }
        boolean attached = mediaType.equals("message/rfc822") || mediaType.equals("message/global");
        int keep = attached ? Math.min(ATTACHED_MESSAGE_KEEP, scratch.length) : scratch.length;
        int n = in.readNBytes(scratch, 0, keep);
        byte[] raw = java.util.Arrays.copyOf(scratch, n);
        drain(in, scratch);
        String encoding = descriptor.getTransferEncoding() == null ? "" : descriptor.getTransferEncoding();
        return new MimePart(mediaType, headers, raw, encoding, charset(descriptor.getCharset()));
    }

    /** Reads the rest of a body without keeping it. */
    private static void drain(InputStream in, byte[] scratch) throws IOException {
        while (in.read(scratch, 0, scratch.length) > 0) {
            // skipping: Mime4j must see the bytes to find the next boundary
        }
    }

    /**
     * The type/subtype alone: a Content-Type that forgets the ';' before its parameters ("text/plain
     * charset=...") is still text/plain. No type means text/plain (RFC 2045 section 5.2).
     */
    static String mediaType(String declared) {
        if (declared == null || declared.isEmpty()) {
            return "text/plain";
        }
        int end = 0;
        while (end < declared.length() && declared.charAt(end) > ' ' && declared.charAt(end) != ';') {
            end++;
        }
        return declared.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /**
     * The declared charset if Java knows it. US-ASCII is read as ISO-8859-1 so 8-bit bytes in mislabelled parts
     * survive as characters; an unknown or malformed name falls back to UTF-8, whose decoder replaces bad bytes.
     */
    static Charset charset(String name) {
        if (name == null || name.isEmpty() || name.equalsIgnoreCase("us-ascii")) {
            return StandardCharsets.ISO_8859_1;
        }
        Charset known = CHARSETS.get(name);
        if (known != null) {
            return known;
        }
        Charset found;
        try {
            found = Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            found = StandardCharsets.UTF_8;
        }
        if (CHARSETS.size() < CHARSET_CACHE_SIZE) {
            CHARSETS.put(name, found);
        }
        return found;
    }

    /**
     * Charset.forName caches only the last two names it was asked for and searches every provider otherwise (a
     * fifth of the time spent reading a bounce went there), so the names seen are remembered here; the cache
     * stops growing at a bound, since the names come from untrusted mail.
     */
    private static final Map<String, Charset> CHARSETS = new ConcurrentHashMap<>();

    private static final int CHARSET_CACHE_SIZE = 256;
}

package org.rebound.dsn.mime;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * Mime4j's own field builder, except that a header line that cannot be a field (RFC 5322 section 2.2: no ':', or
 * a name that is not printable ASCII) is refused with an exception that records no stack trace. Mime4j refuses such lines with a new
 * MimeException, whose stack trace cost a few percent of parsing: returned messages carry many such lines (quoted
 * originals, mbox "From " lines, broken folding), and in permissive mode the parser skips the line anyway
 * (MimeEntity.nextField, Event.INVALID_HEADER), so the trace is never seen.
 */
final class QuickFieldBuilder implements FieldBuilder {

    /**
     * One refusal for every line: it carries no stack trace and nothing of the line, and permissive parsing only
     * catches it and skips the line, so there is nothing to tell one from another.
     */
    private static final NotAField NOT_A_FIELD = new NotAField();

    private final DefaultFieldBuilder delegate;

    QuickFieldBuilder(int maxHeaderLength) {
        this.delegate = new DefaultFieldBuilder(maxHeaderLength);
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public void append(ByteArrayBuffer line) throws MimeException {
        delegate.append(line);
    }

    @Override
    public RawField build() throws MimeException {
        RecycledByteArrayBuffer raw = delegate.getRaw();
        if (raw != null && !mayBeField(raw)) {
            throw NOT_A_FIELD;
        }
        return delegate.build();
    }

    /**
     * False when Mime4j would refuse the line: no ':' at all, or a name (what precedes the first ':', less the white
     * space around it) holding white space or a non-ASCII byte (RFC 5322 section 2.2, Mime4j's
     * DefaultFieldBuilder.FIELD_CHARS), as in "Your message: ...". QuickFieldBuilderTest holds it to Mime4j's
     * answers.
     */
    private static boolean mayBeField(RecycledByteArrayBuffer raw) {
        int colon = raw.indexOf((byte) ':');
        if (colon < 0) {
            return false;
        }
        int from = 0;
        int to = colon;
        while (from < to && isWhiteSpace(raw.byteAt(from))) {
            from++;
        }
        while (to > from && isWhiteSpace(raw.byteAt(to - 1))) {
            to--;
        }
        boolean refused = false;
        for (int i = from; i < to; i++) {
            int b = raw.byteAt(i) & 0xff;
            if (b == '(' || b == 0x7f || (b < 0x20 && !isWhiteSpace((byte) b))) {
                // Mime4j drops a comment from the name (RawFieldParser.parseToken), and control characters: let
                // it judge such names itself.
                return true;
            }
            refused |= b >= 0x80 || isWhiteSpace((byte) b);
        }
        return !refused;
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    @Override
    public RecycledByteArrayBuffer getRaw() {
        return delegate.getRaw();
    }

    @Override
    public void release() {
        delegate.release();
    }

    /** Mime4j's refusal of a line ("no name/value separator found", "illegal characters"), without a stack trace. */
    private static final class NotAField extends MimeException {
        private static final long serialVersionUID = 1L;

        NotAField() {
            super("Invalid MIME field: no name/value separator found");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

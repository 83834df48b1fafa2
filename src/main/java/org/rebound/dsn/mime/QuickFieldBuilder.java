package org.rebound.dsn.mime;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * Mime4j's own field builder, except that a header line that cannot be a field (RFC 5322 section 2.2: no ':', or
 * a name that is not printable ASCII) is refused here, with an exception that records no stack trace. Mime4j refuses such lines with a new
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
     * False when Mime4j would refuse the line. Mime4j reads a field's name up to the first ':' outside a comment
     * (RawFieldParser.parseToken): comments in parentheses dropped, white space between words kept as one space,
     * control characters kept; then it trims the name (String.trim: everything up to U+0020 at either end) and
     * refuses it unless what is left is printable ASCII without white space (RFC 5322 section 2.2, Mime4j's
     * DefaultFieldBuilder.FIELD_CHARS), as in "Your message: ..." or "Original message (attached): ...". A line with
     * no ':' outside a comment is refused too. Deciding every line here keeps Mime4j from making an exception with a
     * stack trace for any of them. QuickFieldBuilderTest holds it to Mime4j's answers.
     */
    private static boolean mayBeField(RecycledByteArrayBuffer raw) {
        int n = raw.length();
        boolean content = false;
        boolean spaceBefore = false;
        boolean visible = false;
        boolean gapAfterVisible = false;
        int i = 0;
        while (i < n) {
            int b = raw.byteAt(i) & 0xff;
            if (b == ':') {
                return true;
            }
            if (isWhiteSpace(b)) {
                spaceBefore = true;
                i++;
            } else if (b == '(') {
                i = afterComment(raw, i);
            } else {
                // A character of the name, after one space if white space parted it from the name's last one. Spaces
                // and control characters are trimmed away at the ends; between printable ones they are refused.
                if (b >= 0x7f) {
                    return false;
                }
                boolean printable = b > 0x20;
                gapAfterVisible |= visible && (content && spaceBefore || !printable);
                if (printable) {
                    if (gapAfterVisible) {
                        return false;
                    }
                    visible = true;
                }
                content = true;
                spaceBefore = false;
                i++;
            }
        }
        return false;
    }

    /** Where a comment that opens at {@code open} ends, nested and with quoted pairs (Mime4j's skipComment). */
    private static int afterComment(RecycledByteArrayBuffer raw, int open) {
        int level = 0;
        boolean escaped = false;
        for (int i = open; i < raw.length(); i++) {
            int b = raw.byteAt(i) & 0xff;
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '(') {
                level++;
            } else if (b == ')' && --level == 0) {
                return i + 1;
            }
        }
        return raw.length();
    }

    private static boolean isWhiteSpace(int b) {
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

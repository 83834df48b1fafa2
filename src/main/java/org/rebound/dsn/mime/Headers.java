package org.rebound.dsn.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rebound.text.Whitespace;

/**
 * A block of header fields (RFC 5322 section 2.2), names lower-cased, values unfolded and trimmed, in order.
 * Used for the bounce's own headers, the original message's headers and the fields of a delivery-status part,
 * which share the syntax (RFC 3464 section 2.1).
 */
public final class Headers {

    public static final Headers EMPTY = new Headers(List.of());

    /**
     * One field: name lower-cased, value unfolded. The value is stored as read and cleaned when asked for, because
     * most fields (Received, DKIM-Signature, ...) are never read.
     */
    public static final class Field {
        private final String name;
        private final Object raw;
        private String value;

        public Field(String name, String value) {
            this.name = name;
            this.raw = value;
        }

        /** A field straight from Mime4j, decoded only if read (most, such as Received, never are). */
        Field(String name, org.apache.james.mime4j.stream.Field parsed) {
            this.name = name;
            this.raw = parsed;
        }

        public String name() {
            return name;
        }

        public String value() {
            String v = value;
            if (v == null) {
                // Computed again, to the same value, if two threads race here: raw is never changed (a report's
                // original headers may be read on another thread than the parser's, see HeaderMap).
                String body = raw instanceof org.apache.james.mime4j.stream.Field f ? f.getBody() : (String) raw;
                v = Whitespace.FOLDING.collapse(body == null ? "" : body);
                value = v;
            }
            return v;
        }

        @Override
        public String toString() {
            return name + ": " + value();
        }
    }

    private final List<Field> fields;

    public Headers(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The first value of a field, or empty. */
    public String first(String lowerCaseName) {
        for (Field f : fields) {
            if (f.name.equals(lowerCaseName)) {
                return f.value();
            }
        }
        return "";
    }

    public boolean has(String lowerCaseName) {
        for (Field f : fields) {
            if (f.name.equals(lowerCaseName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fields that identify a message, first occurrence wins, as an immutable map (for {@code OriginalMessage}):
     * every field but the trace and signature fields (Received, DKIM-Signature, ARC-*, ...), which are long,
     * repeated, and of no use for correlation. The map reads the block when asked (see HeaderMap).
     */
    public Map<String, String> asMap() {
        return new HeaderMap(this);
    }

    /** True for a map that {@link #asMap()} made: immutable already, so it need not be copied. */
    public static boolean isHeaderMap(Map<String, String> map) {
        return map instanceof HeaderMap;
    }

    static boolean isTraceOrSignature(String name) {
        return name.equals("received") || name.equals("x-received") || name.endsWith("dkim-signature")
                || name.equals("domainkey-signature") || name.startsWith("arc-") || name.startsWith("x-ms-exchange-")
                || name.equals("authentication-results") || name.startsWith("x-google-") || name.equals("x-gm-message-state")
                || name.equals("received-spf") || name.startsWith("x-forefront-") || name.startsWith("x-microsoft-");
    }

    /**
     * Reads header fields from text: from the start up to the first empty line (or the end). Continuation lines
     * (starting with white space) are unfolded; lines that are not fields end the block, because quoted originals
     * in non-standard bounces often stop mid-header.
     */
    public static Headers parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    public static Headers parse(CharSequence text, int from, int to) {
        return parse(text, from, to, false);
    }

    /**
     * Parses fields as {@link #parse(CharSequence, int, int)} does, except that a line that is not a field (no
     * "name:" before the first space) continues the field before it instead of ending the block: some MTAs
     * (MessageLabs) paste a multi-line SMTP reply into Diagnostic-Code without indenting its continuation lines
     * ("550-...", "550 ..."), and the fields after it still belong to the block.
     */
    public static Headers parseLenient(CharSequence text, int from, int to) {
        return parse(text, from, to, true);
    }

    private static Headers parse(CharSequence text, int from, int to, boolean lenient) {
        List<Field> fields = new ArrayList<>();
        String name = null;
        int valueStart = 0;
        int valueEnd = 0;
        int pos = from;
        while (pos < to) {
            int end = pos;
            while (end < to && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end;
            if (next < to && text.charAt(next) == '\r') {
                next++;
            }
            if (next < to && text.charAt(next) == '\n') {
                next++;
            }
            if (end == pos) {
                if (name != null || !fields.isEmpty()) {
                    break;
                }
                pos = next;
                continue;
            }
            char c = text.charAt(pos);
            if ((c == ' ' || c == '\t') && name != null) {
                valueEnd = end; // a continuation line: the value runs on, unfolded when read
            } else {
                int colon = -1;
                for (int i = pos; i < end; i++) {
                    char ch = text.charAt(i);
                    if (ch == ':') {
                        colon = i;
                        break;
                    }
                    if (ch <= ' ' || ch > '~') {
                        break;
                    }
                }
                if (colon <= pos) {
                    if (name == null && fields.isEmpty()) {
                        pos = next;
                        continue;
                    }
                    if (lenient && name != null) {
                        valueEnd = end;
                        pos = next;
                        continue;
                    }
                    break;
                }
                if (name != null) {
                    fields.add(new Field(name, text.subSequence(valueStart, valueEnd).toString()));
                }
                name = text.subSequence(pos, colon).toString().toLowerCase(Locale.ROOT);
                valueStart = colon + 1;
                valueEnd = end;
            }
            pos = next;
        }
        if (name != null) {
            fields.add(new Field(name, text.subSequence(valueStart, valueEnd).toString()));
        }
        return new Headers(fields);
    }

    /** Builds a header block field by field (used by the MIME reader). */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder add(String name, String value) {
            fields.add(new Field(name.toLowerCase(Locale.ROOT), value));
            return this;
        }

        /** Adds a field as Mime4j parsed it; its value is decoded when first read. */
        public Builder add(org.apache.james.mime4j.stream.Field parsed) {
            fields.add(new Field(parsed.getName().toLowerCase(Locale.ROOT), parsed));
            return this;
        }

        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(fields);
        }
    }
}

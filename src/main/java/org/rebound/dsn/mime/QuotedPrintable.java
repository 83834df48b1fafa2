package org.rebound.dsn.mime;

/**
 * Decodes a quoted-printable body (RFC 2045 section 6.7) leniently and in one pass over the bytes: "=XX" is the
 * byte XX (hex digits in either case), "=" at the end of a line (trailing spaces allowed) is a soft line break,
 * and anything malformed (a lone "=", bad hex) is kept as written, as section 6.7 (note 1) advises. Mime4j's
 * stream decoder did the same a byte at a time and was a tenth of the parsing time.
 */
final class QuotedPrintable {

    private QuotedPrintable() {
    }

    static byte[] decode(byte[] in) {
        byte[] out = new byte[in.length];
        int n = 0;
        int length = in.length;
        for (int i = 0; i < length; i++) {
            byte b = in[i];
            if (b != '=') {
                out[n++] = b;
                continue;
            }
            int hi = i + 1 < length ? hex(in[i + 1]) : -1;
            int lo = i + 2 < length ? hex(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
                continue;
            }
            int j = i + 1;
            while (j < length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < length && in[j] == '\r') {
                j++;
            }
            if (j >= length || in[j] == '\n') {
                i = j; // soft line break: "=" then the line end (or the end of the body)
                continue;
            }
            out[n++] = b;
        }
        return n == length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}

package org.rebound.dsn;

import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * An enhanced mail system status code, class.subject.detail (RFC 3463): class 2 success, 4 persistent transient
 * failure, 5 permanent failure.
 */
public record StatusCode(int statusClass, int subject, int detail) {

    public StatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
    }

    /** Finds the first status code in a text, such as a Status field ("5.1.1 (user unknown)") or a diagnostic. */
    public static Optional<StatusCode> find(String text) {
        Found f = next(text, 0);
        return f == null ? Optional.empty() : Optional.of(f.code());
    }

    /** The last code in a text whose start {@code acceptsStart} accepts (given the code's index in the text). */
    public static Optional<StatusCode> last(String text, IntPredicate acceptsStart) {
        StatusCode last = null;
        for (Found f = next(text, 0); f != null; f = next(text, f.end())) {
            if (acceptsStart.test(f.start())) {
                last = f.code();
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The first failure code (class 4 or 5) in a text, else its first code: an SMTP transcript shows the
     * 2.x.x replies to the commands that worked before the one that failed.
     */
    public static Optional<StatusCode> findFailure(String text) {
        StatusCode first = null;
        for (Found f = next(text, 0); f != null; f = next(text, f.end())) {
            if (f.code().statusClass() != 2) {
                return Optional.of(f.code());
            }
            if (first == null) {
                first = f.code();
            }
        }
        return Optional.ofNullable(first);
    }

    /** A code found in a text, and where: text.substring(start, end) is the code. */
    record Found(StatusCode code, int start, int end) {
    }

    /**
     * The next class.subject.detail at or after from, not inside a longer dotted number: "10.5.1.1" is an address,
     * not 5.1.1 (Exchange writes "#5.1.1", so '#' may precede). A scan by hand: the regular expression it replaces
     * tried its look-behind at every position of every diagnostic.
     */
    static Found next(String text, int from) {
        int length = text.length();
        for (int i = Math.max(from, 0); i + 4 < length; i++) {
            char c = text.charAt(i);
            if ((c != '2' && c != '4' && c != '5') || text.charAt(i + 1) != '.') {
                continue;
            }
            if (i > 0 && (isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
                continue;
            }
            int subjectEnd = digits(text, i + 2);
            if (subjectEnd < 0 || subjectEnd >= length || text.charAt(subjectEnd) != '.') {
                continue;
            }
            int detailEnd = digits(text, subjectEnd + 1);
            if (detailEnd < 0 || (detailEnd < length && isDigit(text.charAt(detailEnd)))
                    || (detailEnd + 1 < length && text.charAt(detailEnd) == '.' && isDigit(text.charAt(detailEnd + 1)))) {
                continue;
            }
            return new Found(new StatusCode(c - '0', Integer.parseInt(text, i + 2, subjectEnd, 10),
                    Integer.parseInt(text, subjectEnd + 1, detailEnd, 10)), i, detailEnd);
        }
        return null;
    }

    /** The end of one to three digits starting at start, or -1 when there is none or more than three. */
    private static int digits(String text, int start) {
        int i = start;
        while (i < text.length() && i - start < 3 && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == start || (i < text.length() && isDigit(text.charAt(i)))) {
            return -1;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads a status code that must be the whole text, apart from surrounding space. */
    public static StatusCode parse(String text) {
        String t = text.trim();
        return find(t).filter(c -> c.toString().equals(t))
                .orElseThrow(() -> new IllegalArgumentException("not a status code (class.subject.detail): " + text));
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    public boolean isTransient() {
        return statusClass == 4;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}

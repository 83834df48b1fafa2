package org.rebound.dsn;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code, class.subject.detail (RFC 3463): class 2 success, 4 persistent transient
 * failure, 5 permanent failure.
 */
public record StatusCode(int statusClass, int subject, int detail) {

    /**
     * class.subject.detail not inside a longer dotted number: "10.5.1.1" is an address, not 5.1.1. Exchange writes
     * "#5.1.1", so '#' may precede.
     */
    private static final Pattern CODE = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");

    public StatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
    }

    /** Finds the first status code in a text, such as a Status field ("5.1.1 (user unknown)") or a diagnostic. */
    public static Optional<StatusCode> find(String text) {
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new StatusCode(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /**
     * The first failure code (class 4 or 5) in a text, else its first code: an SMTP transcript shows the
     * 2.x.x replies to the commands that worked before the one that failed.
     */
    public static Optional<StatusCode> findFailure(String text) {
        Matcher m = CODE.matcher(text);
        Optional<StatusCode> first = Optional.empty();
        while (m.find()) {
            StatusCode code = new StatusCode(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (code.statusClass() != 2) {
                return Optional.of(code);
            }
            if (first.isEmpty()) {
                first = Optional.of(code);
            }
        }
        return first;
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

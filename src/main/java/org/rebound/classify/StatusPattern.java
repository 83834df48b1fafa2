package org.rebound.classify;

import java.util.Optional;
import java.util.regex.Pattern;

import org.rebound.dsn.StatusCode;

/**
 * A pattern over enhanced status codes (RFC 3463 class.subject.detail) in which any part may be a wildcard,
 * written {@code *} or {@code x}: {@code 5.1.1}, {@code 5.7.*}, {@code *.7.26}, {@code 4.*.*}.
 */
public record StatusPattern(String text, int statusClass, int subject, int detail) {

    /** Stands for a wildcard part. */
    static final int ANY = -1;

    private static final Pattern SYNTAX = Pattern.compile("(?:[245*xX])\\.(?:\\d{1,3}|[*xX])\\.(?:\\d{1,3}|[*xX])");

    public static StatusPattern parse(String text) {
        String t = text.trim();
        if (!SYNTAX.matcher(t).matches()) {
            throw new IllegalArgumentException("not a status pattern (class.subject.detail, * or x for any): '"
                    + text + "'");
        }
        String[] parts = t.split("\\.");
        return new StatusPattern(t, part(parts[0]), part(parts[1]), part(parts[2]));
    }

    private static int part(String p) {
        return p.equals("*") || p.equalsIgnoreCase("x") ? ANY : Integer.parseInt(p);
    }

    public boolean matches(Optional<StatusCode> status) {
        if (status.isEmpty()) {
            return false;
        }
        StatusCode c = status.get();
        return (statusClass == ANY || statusClass == c.statusClass())
                && (subject == ANY || subject == c.subject())
                && (detail == ANY || detail == c.detail());
    }
}

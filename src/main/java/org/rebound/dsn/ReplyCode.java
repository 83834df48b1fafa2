package org.rebound.dsn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the SMTP reply code (RFC 5321 section 4.2) in a diagnostic text. */
public final class ReplyCode {

    /**
     * A three-digit reply code 2xx/4xx/5xx standing alone (followed by space, '-', or the end), not part of a
     * longer number, a dotted number, an address or a "#" tag.
     */
    private static final Pattern CODE = Pattern.compile("(?<![\\w.#/:=+-])([245][0-5][0-9])(?=[ \\-]|$)");

    private ReplyCode() {
    }

    /** The first reply code in a diagnostic, or empty. */
    public static String find(String diagnostic) {
        if (diagnostic.isEmpty()) {
            return "";
        }
        Matcher m = CODE.matcher(diagnostic);
        return m.find() ? m.group(1) : "";
    }
}

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

    /**
     * The first failure reply code (4xx, 5xx) in a diagnostic, else a 2xx code that opens it (a delivery report's
     * "250 2.1.5 Ok"), else empty: a 2xx number further on is more likely a size or a count than a reply.
     */
    public static String find(String diagnostic) {
        if (diagnostic.isEmpty()) {
            return "";
        }
        Matcher m = CODE.matcher(diagnostic);
        while (m.find()) {
            char c = m.group(1).charAt(0);
            if (c == '4' || c == '5' || m.start() == 0) {
                return m.group(1);
            }
        }
        return "";
    }
}

package org.rebound.dsn.format;

import java.util.Locale;
import java.util.Set;

import org.rebound.dsn.ReplyCode;
import org.rebound.dsn.StatusCode;

/**
 * Finds the message header fields (RFC 5322 section 3.6, RFC 2045, RFC 2369) that a notice copies from the original
 * message ("Subject: ...", "X-Mailman-Version: 2.1.12", "Received: ..."), so that no status or reply code is read
 * from them: a code is evidence only in the server's words and in delivery-status fields (RFC 3464), which are kept.
 */
final class HeaderFieldLines {

    /** RFC 5322's fields, the MIME and list fields, and the trace fields that notices quote. */
    private static final Set<String> MESSAGE_FIELDS = Set.of("date", "from", "sender", "reply-to", "to", "cc", "bcc",
            "message-id", "in-reply-to", "references", "subject", "comments", "keywords", "return-path", "received",
            "mime-version", "precedence", "organization", "user-agent", "importance", "priority", "thread-topic",
            "thread-index", "errors-to", "delivered-to", "envelope-to", "authentication-results", "dkim-signature",
            "domainkey-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
            "received-spf");

    /** Name prefixes of message fields: extension (X-), MIME (RFC 2045), list (RFC 2369), resent (RFC 5322 3.6.6). */
    private static final String[] MESSAGE_FIELD_PREFIXES = {"x-", "content-", "list-", "resent-"};

    /** Extension fields that real MTAs write among the delivery-status fields (RFC 3464 section 3 allows them). */
    private static final Set<String> STATUS_EXTENSION_FIELDS = Set.of("x-actual-recipient",
            "x-supplementary-info", "x-display-name", "x-postfix-sender", "x-postfix-queue-id");

    private HeaderFieldLines() {
    }

    /**
     * The text without its message header fields and their folded continuation lines when one of them holds
     * something that could be read as a status or reply code; else the text itself (the same instance), since other
     * field lines cannot mislead.
     */
    static String withoutMisleadingFields(String text) {
        return holdsCode(text) ? remove(text) : text;
    }

    /** True when some line of the text is a message header field (or its continuation) that holds a code. */
    private static boolean holdsCode(String text) {
        if (text.indexOf(':') < 0) {
            return false;
        }
        int pos = 0;
        int length = text.length();
        boolean inField = false;
        while (pos < length) {
            int end = lineEnd(text, pos);
            boolean continuation = end > pos && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t');
            inField = isField(text, pos, end) || (inField && continuation);
            if (inField) {
                String line = text.substring(pos, end);
                if (StatusCode.find(line).isPresent() || ReplyCode.next(line, 0) >= 0) {
                    return true;
                }
            }
            pos = end + 1;
        }
        return false;
    }

    /** The text without its message header fields and their folded continuation lines. */
    private static String remove(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        int length = text.length();
        boolean inField = false;
        while (pos < length) {
            int end = lineEnd(text, pos);
            boolean continuation = end > pos && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t');
            inField = isField(text, pos, end) || (inField && continuation);
            if (!inField) {
                out.append(text, pos, end).append('\n');
            }
            pos = end + 1;
        }
        return out.toString();
    }

    private static int lineEnd(String text, int pos) {
        int end = text.indexOf('\n', pos);
        return end < 0 ? text.length() : end;
    }

    /** "Name: value" at the start of the line, where Name is a message field's (RFC 5322 section 2.2). */
    private static boolean isField(String text, int start, int end) {
        int colon = -1;
        for (int i = start; i < end && i - start <= 40; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            if (!(Character.isLetterOrDigit(c) || c == '-') || c > 127) {
                return false;
            }
        }
        if (colon <= start) {
            return false;
        }
        String name = text.substring(start, colon).toLowerCase(Locale.ROOT);
        if (MESSAGE_FIELDS.contains(name)) {
            return true;
        }
        if (STATUS_EXTENSION_FIELDS.contains(name)) {
            return false;
        }
        for (String prefix : MESSAGE_FIELD_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

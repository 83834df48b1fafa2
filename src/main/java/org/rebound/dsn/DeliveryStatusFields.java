package org.rebound.dsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rebound.dsn.mime.Headers;

/**
 * The fields of a message/delivery-status body (RFC 3464 section 2.1; message/global-delivery-status, RFC 6533,
 * has the same syntax in UTF-8): one per-message block, then one block per recipient, separated by empty lines.
 * Real MTAs omit the empty lines, so a new recipient block also starts when a recipient field repeats within the
 * current one; the order of fields within a block varies (Facebook and MessageLabs put Final-Recipient last), and
 * a line that is not a field continues the one before it (MessageLabs leaves a multi-line Diagnostic-Code
 * unindented).
 *
 * @param perMessage the per-message fields (Reporting-MTA, Original-Envelope-Id, Arrival-Date, ...)
 * @param recipients one block of per-recipient fields per recipient
 */
public record DeliveryStatusFields(Headers perMessage, List<Headers> recipients) {

    /** The fields that belong to one recipient (RFC 3464 section 2.3). */
    private static final Set<String> RECIPIENT_FIELDS = Set.of("original-recipient", "final-recipient", "action",
            "status", "remote-mta", "diagnostic-code", "last-attempt-date", "final-log-id", "will-retry-until",
            "x-actual-recipient", "x-display-name", "x-supplementary-info");

    public static DeliveryStatusFields parse(String text) {
        Headers.Builder perMessage = new Headers.Builder();
        List<Headers> recipients = new ArrayList<>();
        List<Headers.Field> current = new ArrayList<>();
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            int blockEnd = blockEnd(text, pos);
            for (Headers.Field f : Headers.parseLenient(text, pos, blockEnd).fields()) {
                if (!RECIPIENT_FIELDS.contains(f.name())) {
                    if (current.isEmpty() && recipients.isEmpty()) {
                        perMessage.add(f.name(), f.value());
                    } else {
                        current.add(f);
                    }
                    continue;
                }
                if (startsAnother(current, f.name())) {
                    recipients.add(new Headers(current));
                    current = new ArrayList<>();
                }
                current.add(f);
            }
            if (hasRecipient(current)) {
                recipients.add(new Headers(current));
                current = new ArrayList<>();
            }
            pos = skipBlank(text, blockEnd);
        }
        if (hasRecipient(current)) {
            recipients.add(new Headers(current));
        }
        return new DeliveryStatusFields(perMessage.build(), recipients);
    }

    private static boolean startsAnother(List<Headers.Field> current, String name) {
        for (Headers.Field f : current) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRecipient(List<Headers.Field> fields) {
        for (Headers.Field f : fields) {
            if (f.name().equals("final-recipient") || f.name().equals("original-recipient")) {
                return true;
            }
        }
        return false;
    }

    /** The end of the block that starts at pos: the start of the first empty line, or the end of the text. */
    private static int blockEnd(String text, int pos) {
        int i = pos;
        int length = text.length();
        while (i < length) {
            int lineEnd = i;
            while (lineEnd < length && text.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            if (text.substring(i, lineEnd).isBlank() && i > pos) {
                return i;
            }
            i = lineEnd + 1;
        }
        return length;
    }

    private static int skipBlank(String text, int pos) {
        int i = pos;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}

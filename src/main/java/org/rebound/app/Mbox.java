package org.rebound.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an mbox file (RFC 4155: each message starts with a "From " line at the start of a line) into messages,
 * undoing the "&gt;From " quoting of mboxrd. Every message keeps the file's name: the file column says where a row
 * came from, and a message within the file is told apart by its recipients and original Message-ID.
 */
public final class Mbox {

    private Mbox() {
    }

    /** The messages of a file: each message of an mbox file, or the file itself. */
    public static List<byte[]> messages(byte[] bytes) {
        if (!isMbox(bytes)) {
            return List.of(bytes);
        }
        List<byte[]> messages = new ArrayList<>();
        for (ParseCommand.MailFile m : split("", bytes)) {
            messages.add(m.bytes());
        }
        return messages;
    }

    static boolean isMbox(byte[] bytes) {
        return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("From ");
    }

    /**
     * RFC 4155 section 2: a separator is "From ", the envelope sender, and a timestamp, at the start of the file
     * or after an empty line. A "From " line inside a body that was not quoted is not one.
     */
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile(
            "From \\S+ .*\\d\\d:\\d\\d.*");

    private static boolean isSeparator(String line, boolean first, boolean afterBlank) {
        return line.startsWith("From ") && (first || afterBlank && SEPARATOR.matcher(line.strip()).matches());
    }

    private static boolean previousLineBlank(byte[] bytes, int start) {
        int i = start - 1;
        if (i >= 0 && bytes[i] == '\n') {
            i--;
        }
        if (i >= 0 && bytes[i] == '\r') {
            i--;
        }
        return i < 0 || bytes[i] == '\n';
    }

    static List<ParseCommand.MailFile> split(String name, byte[] bytes) {
        List<ParseCommand.MailFile> messages = new ArrayList<>();
        ByteArrayOutputStream current = null;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, bytes.length);
            String line = new String(bytes, start, Math.min(end - start, 80), StandardCharsets.ISO_8859_1);
            if (isSeparator(line, start == 0, previousLineBlank(bytes, start))) {
                if (current != null) {
                    messages.add(new ParseCommand.MailFile(name, current.toByteArray()));
                }
                current = new ByteArrayOutputStream();
            } else if (current != null) {
                int skip = line.matches(">+From .*") ? 1 : 0;
                current.write(bytes, start + skip, next - start - skip);
            }
            start = next;
        }
        if (current != null) {
            messages.add(new ParseCommand.MailFile(name, current.toByteArray()));
        }
        return messages;
    }
}

package org.rebound.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an mbox file (RFC 4155: each message starts with a "From " line at the start of a line) into messages,
 * undoing the "&gt;From " quoting of mboxrd.
 */
final class Mbox {

    private Mbox() {
    }

    static boolean isMbox(byte[] bytes) {
        return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("From ");
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
            String line = new String(bytes, start, Math.min(end - start, 8), StandardCharsets.ISO_8859_1);
            if (line.startsWith("From ")) {
                if (current != null) {
                    messages.add(new ParseCommand.MailFile(name + "#" + messages.size(), current.toByteArray()));
                }
                current = new ByteArrayOutputStream();
            } else if (current != null) {
                int skip = line.matches(">+From .*") ? 1 : 0;
                current.write(bytes, start + skip, next - start - skip);
            }
            start = next;
        }
        if (current != null) {
            messages.add(new ParseCommand.MailFile(name + "#" + messages.size(), current.toByteArray()));
        }
        if (messages.size() == 1) {
            // A single message saved with its mbox "From " line (common for .eml files) keeps its file's name.
            return List.of(new ParseCommand.MailFile(name, messages.get(0).bytes()));
        }
        return messages;
    }
}

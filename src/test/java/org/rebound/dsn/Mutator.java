package org.rebound.dsn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rebound.dsn.parse.ReportParser;

/**
 * Damages a real message the ways real mail is damaged: truncation, flipped bytes, deleted and duplicated lines,
 * stripped CRs, inserted 8-bit bytes, deep nesting. For the parser's fuzz test and the pipeline's.
 */
public final class Mutator {

    private Mutator() {
    }

    /** One to three mutations of a message. */
    public static byte[] mutate(byte[] message, Random random) {
        byte[] m = message;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            m = switch (random.nextInt(7)) {
                case 0 -> truncate(m, random);
                case 1 -> flipBytes(m, random);
                case 2 -> editLines(m, random, false);
                case 3 -> editLines(m, random, true);
                case 4 -> stripCarriageReturns(m);
                case 5 -> insertEightBit(m, random);
                default -> nest(m, random);
            };
        }
        return m;
    }

    private static byte[] truncate(byte[] m, Random random) {
        return m.length == 0 ? m : java.util.Arrays.copyOf(m, random.nextInt(m.length));
    }

    private static byte[] flipBytes(byte[] m, Random random) {
        byte[] copy = m.clone();
        for (int i = 0; i < 1 + random.nextInt(20) && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Deletes or duplicates a few lines. */
    private static byte[] editLines(byte[] m, Random random, boolean duplicate) {
        String[] lines = new String(m, StandardCharsets.ISO_8859_1).split("\n", -1);
        List<String> out = new ArrayList<>(List.of(lines));
        for (int i = 0; i < 1 + random.nextInt(5) && !out.isEmpty(); i++) {
            int at = random.nextInt(out.size());
            if (duplicate) {
                out.add(at, out.get(at));
            } else {
                out.remove(at);
            }
        }
        return String.join("\n", out).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] stripCarriageReturns(byte[] m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.length);
        for (byte b : m) {
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] insertEightBit(byte[] m, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + 64);
        int at = m.length == 0 ? 0 : random.nextInt(m.length);
        out.write(m, 0, at);
        for (int i = 0; i < 1 + random.nextInt(32); i++) {
            out.write(0x80 + random.nextInt(128));
        }
        out.write(m, at, m.length - at);
        return out.toByteArray();
    }

    /** Wraps the message in message/rfc822 inside multiparts, sometimes deeper than the parser accepts. */
    private static byte[] nest(byte[] m, Random random) {
        int depth = 1 + random.nextInt(ReportParser.MAX_DEPTH + 10);
        StringBuilder head = new StringBuilder("From: fuzz@example.org\r\nSubject: nested\r\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            head.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\r\n\r\n--n").append(i)
                    .append("\r\n");
            tail.insert(0, "\r\n--n" + i + "--\r\n");
        }
        head.append("Content-Type: message/rfc822\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(m);
        out.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}

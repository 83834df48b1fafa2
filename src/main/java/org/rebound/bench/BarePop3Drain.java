package org.rebound.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bench's baseline (issue 17): the least a POP3 client can do to drain a mailbox (RFC 1939). One session on a
 * plain socket: USER, PASS, STAT, then for every message RETR n and DELE n, one command at a time, each reply read
 * to its end and nothing parsed, and QUIT, at which the server deletes. Rebound's drain rate is printed as a ratio
 * of this one's, against the same server and the same messages in the same run, so that the machine's speed and
 * load cancel out.
 */
public final class BarePop3Drain {

    /** The end of a multi-line reply (RFC 1939 section 3): CRLF, a dot, CRLF; the last five bytes read, in a long. */
    private static final long END_OF_MULTI_LINE = ((long) '\r' << 32) | ((long) '\n' << 24) | ('.' << 16)
            | ('\r' << 8) | '\n';
    private static final long FIVE_BYTES = 0xFF_FFFF_FFFFL;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int filled;
    private int position;

    /**
     * What a drain did.
     *
     * @param messages    messages retrieved and deleted
     * @param bytes       bytes of the messages as retrieved: the RETR replies less their status and end lines
     * @param elapsed     from connecting to the server's answer to QUIT (the deletions done)
     */
    public record Result(int messages, long bytes, Duration elapsed) {
        public double perSecond() {
            return messages / (elapsed.toNanos() / 1e9);
        }
    }

    private BarePop3Drain(Socket socket) throws IOException {
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256);
    }

    /** Retrieves and deletes every message of the mailbox on this loopback port. */
    public static Result drain(int port, String user, String password) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            BarePop3Drain client = new BarePop3Drain(socket);
            client.singleLine();
            client.command("USER " + user);
            client.command("PASS " + password);
            // STAT's reply: "+OK count size".
            String stat = client.command("STAT");
            int count = Integer.parseInt(stat.split(" ")[1]);
            long bytes = 0;
            for (int n = 1; n <= count; n++) {
                client.send("RETR " + n);
                bytes += client.multiLine();
                client.command("DELE " + n);
            }
            client.command("QUIT");
            return new Result(count, bytes, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private String command(String line) throws IOException {
        send(line);
        return singleLine();
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads a one-line reply, which must be positive. */
    private String singleLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = next();
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (!line.toString().startsWith("+OK")) {
            throw new IOException("the POP3 server answered: " + line);
        }
        return line.toString();
    }

    /**
     * Reads a multi-line reply (its status line must be positive) to its end marker, and gives the length of what
     * lies between: the message as the server sends it, lines dot-stuffed.
     */
    private long multiLine() throws IOException {
        singleLine();
        long bytes = 0;
        // Scans the bytes in the buffer without copying them: the last five bytes seen, kept in a long, starting
        // with the status line's CRLF, so that an empty message's lone end line matches too.
        long last = ('\r' << 8) | '\n';
        while (true) {
            if (position == filled) {
                fill();
            }
            int end = filled;
            for (int i = position; i < end; i++) {
                last = (last << 8 | (buffer[i] & 0xFF)) & FIVE_BYTES;
                if (last == END_OF_MULTI_LINE) {
                    bytes += i + 1 - position;
                    position = i + 1;
                    // Less the end line, ".\r\n".
                    return bytes - 3;
                }
            }
            bytes += end - position;
            position = end;
        }
    }

    private int next() throws IOException {
        if (position == filled) {
            fill();
        }
        return buffer[position++];
    }

    private void fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            throw new IOException("the POP3 server closed the connection");
        }
        position = 0;
        filled = n;
    }
}

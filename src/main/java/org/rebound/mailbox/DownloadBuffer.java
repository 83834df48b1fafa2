package org.rebound.mailbox;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a message's bytes land as the mail client streams them (POP3 RETR, IMAP FETCH): a growing array, sized
 * from the listed size, that takes no lock. Angus Mail's POP3 client writes a message one byte at a time (Protocol
 * .retr reads it a char at a time from a BufferedReader), and ByteArrayOutputStream locks for every byte: in a
 * JFR profile of the bench (10,000 messages), RETR was the hottest method of the whole process (68 of 469 samples).
 * Written by one thread.
 */
final class DownloadBuffer extends OutputStream {

    private byte[] bytes;
    private int count;

    /** @param expected the size the server lists for the message; a wrong one only costs a copy */
    DownloadBuffer(long expected) {
        bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(256, expected))];
    }

    @Override
    public void write(int b) {
        if (count == bytes.length) {
            grow(1);
        }
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > bytes.length - count) {
            grow(len);
        }
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(count + more, bytes.length * 2));
    }

    /** The bytes written, in an array of their exact length (the buffer's own when the listed size was right). */
    byte[] toByteArray() {
        return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }
}

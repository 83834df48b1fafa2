package org.rebound.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DownloadBufferTest {

    private static final byte[] MESSAGE = "Subject: x\r\n\r\nbody\r\n".repeat(40).getBytes(StandardCharsets.US_ASCII);

    @Test
    void keepsBytesWrittenOneAtATimePastTheListedSize() {
        DownloadBuffer buffer = new DownloadBuffer(10);
        for (byte b : MESSAGE) {
            buffer.write(b);
        }
        assertArrayEquals(MESSAGE, buffer.toByteArray());
    }

    @Test
    void givesTheBytesWrittenWhenTheListedSizeWasLarger() {
        DownloadBuffer buffer = new DownloadBuffer(MESSAGE.length * 3L);
        buffer.write(MESSAGE, 0, MESSAGE.length);
        assertArrayEquals(MESSAGE, buffer.toByteArray());
    }

    @Test
    void keepsBlocksWrittenPastTheListedSize() {
        DownloadBuffer buffer = new DownloadBuffer(300);
        buffer.write(MESSAGE, 0, 500);
        buffer.write(MESSAGE, 500, MESSAGE.length - 500);
        assertArrayEquals(MESSAGE, buffer.toByteArray());
    }
}

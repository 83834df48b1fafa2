package org.rebound.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rebound.classify.Classifier;
import org.rebound.dsn.ReportParser;

/**
 * Understanding started at download: the route gets that result instead of parsing again, parses itself what no
 * pool thread has begun, and forgets results no one asked for. Real parser and rules; the clock counts how many
 * times a message was understood (the classifier reads it once per message).
 */
class UnderstandingAheadTest {

    private final CountingClock clock = new CountingClock();
    private final MessageUnderstanding understanding = new MessageUnderstanding(new ReportParser(1 << 20),
            new RecipientClassifier(new Classifier(), clock));
    private final List<Runnable> queued = new ArrayList<>();

    @Test
    void aMessageUnderstoodAtDownloadIsNotUnderstoodAgain() throws Exception {
        UnderstandingAhead ahead = new UnderstandingAhead(understanding, Runnable::run);
        ReturnedMessage message = bounce();
        ahead.downloaded(List.of(message));

        MessageResult result = ahead.understand(message);

        assertEquals(MessageResult.Kind.BOUNCE, result.kind());
        assertEquals(1, clock.reads.get());
    }

    @Test
    void aMessageNoPoolThreadHasBegunIsUnderstoodByTheThreadThatAsks() throws Exception {
        UnderstandingAhead ahead = new UnderstandingAhead(understanding, queued::add);
        ReturnedMessage message = bounce();
        ahead.downloaded(List.of(message));

        MessageResult result = ahead.understand(message);
        queued.forEach(Runnable::run);

        assertEquals(MessageResult.Kind.BOUNCE, result.kind());
        assertEquals(1, clock.reads.get());
    }

    @Test
    void resultsNoOneAskedForAreForgottenThreeWindowsLater() throws Exception {
        UnderstandingAhead ahead = new UnderstandingAhead(understanding, Runnable::run);
        ReturnedMessage dropped = bounce();
        ahead.downloaded(List.of(dropped));
        for (int i = 0; i < 3; i++) {
            ahead.downloaded(List.of(bounce()));
        }

        ahead.understand(dropped);

        assertEquals(5, clock.reads.get());
    }

    private static ReturnedMessage bounce() throws IOException {
        try (InputStream in = UnderstandingAheadTest.class.getResourceAsStream("/demo/lhost-postfix-01.eml")) {
            return ReturnedMessage.of(in.readAllBytes(), "");
        }
    }

    private static final class CountingClock extends Clock {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return Instant.parse("2026-11-27T12:00:00Z");
        }
    }
}

package org.rebound.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rebound.classify.Classifier;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.testing.ManualClock;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.MessageResult;

/**
 * Understanding started at download: the route gets that result instead of parsing again, parses itself what no
 * pool thread has begun, and forgets results no one asked for. Real parser and rules; the clock counts how many
 * times a message was understood (the classifier reads it once per message).
 */
class UnderstandingAheadTest {

    private final ManualClock clock = new ManualClock();
    private final MessageUnderstanding understanding = new MessageUnderstanding(new ReportParser(1 << 20, ReportParser.DEFAULT_MAX_RECIPIENTS),
            new RecipientClassifier(new Classifier(), clock));
    private final List<Runnable> queued = new ArrayList<>();

    @Test
    void aMessageUnderstoodAtDownloadIsNotUnderstoodAgain() throws Exception {
        UnderstandingAhead ahead = new UnderstandingAhead(understanding, Runnable::run);
        ReturnedMessage message = bounce();
        ahead.downloaded(List.of(message));

        MessageResult result = ahead.understand(message);

        assertEquals(MessageResult.Kind.BOUNCE, result.kind());
        assertEquals(1, clock.reads());
    }

    @Test
    void aMessageNoPoolThreadHasBegunIsUnderstoodByTheThreadThatAsks() throws Exception {
        UnderstandingAhead ahead = new UnderstandingAhead(understanding, queued::add);
        ReturnedMessage message = bounce();
        ahead.downloaded(List.of(message));

        MessageResult result = ahead.understand(message);
        queued.forEach(Runnable::run);

        assertEquals(MessageResult.Kind.BOUNCE, result.kind());
        assertEquals(1, clock.reads());
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

        assertEquals(5, clock.reads());
    }

    private static ReturnedMessage bounce() throws IOException {
        try (InputStream in = UnderstandingAheadTest.class.getResourceAsStream("/demo/lhost-postfix-01.eml")) {
            return ReturnedMessage.of(in.readAllBytes(), "");
        }
    }
}

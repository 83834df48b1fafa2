package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rebound.correlate.SilentKeyWatch.Tally;

class SilentKeyWatchTest {

    private final List<String> warnings = new ArrayList<>();
    private final SilentKeyWatch watch = new SilentKeyWatch(warnings::add);

    @Test
    void aSilentKeyIsWarnedAboutOncePerProcess() {
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(700, 0), KeyType.VERP, new Tally(700, 650)));
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(500, 0), KeyType.VERP, new Tally(500, 480)));

        assertEquals(List.of("message-id: 0 of 700 matched while verp matched 650 — does "
                + "rebound.correlation.sent-messages.message-id-column hold the Message-ID as sent?"), warnings);
    }

    @Test
    void fewerBouncesThanTheMinimumWithTheKeyAreNoSign() {
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(SilentKeyWatch.MIN_TRIED - 1, 0),
                KeyType.VERP, new Tally(50, 50)));

        assertEquals(List.of(), warnings);
    }

    @Test
    void bouncesCarryingTheKeyAddUpOverWindows() {
        for (int i = 0; i < 5; i++) {
            watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(2, 0), KeyType.VERP, new Tally(2, 2)));
        }

        assertEquals(List.of("message-id: 0 of 10 matched while verp matched 10 — does "
                + "rebound.correlation.sent-messages.message-id-column hold the Message-ID as sent?"), warnings);
    }

    @Test
    void aKeyThatHasMatchedOnceIsNotSilent() {
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(5, 1), KeyType.VERP, new Tally(5, 4)));
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(700, 0), KeyType.VERP, new Tally(700, 700)));

        assertEquals(List.of(), warnings);
    }

    @Test
    void aWindowInWhichNoKeyMatchedSaysNothingOfAnyOne() {
        watch.window(Map.of(KeyType.MESSAGE_ID, new Tally(700, 0), KeyType.VERP, new Tally(700, 0)));

        assertEquals(List.of(), warnings);
    }

    @Test
    void everyKeyThatMatchedIsNamedInTheWarning() {
        watch.window(Map.of(KeyType.ENVELOPE_ID, new Tally(40, 0), KeyType.MESSAGE_ID, new Tally(40, 10),
                KeyType.RECIPIENT_TIME, new Tally(30, 30)));

        assertEquals(List.of("envelope-id: 0 of 40 matched while message-id matched 10, recipient-time matched 30 "
                + "— does rebound.correlation.sent-messages.envelope-id-column hold the ENVID given at sending "
                + "(RFC 3461)?"), warnings);
    }
}

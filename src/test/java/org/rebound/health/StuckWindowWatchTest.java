package org.rebound.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rebound.testing.ManualClock;

/** The watch logs a stuck poll's thread stacks once, and nothing for a poll that ends in time. */
class StuckWindowWatchTest {

    private final ManualClock clock = new ManualClock();
    private final PollPacer pacer = new PollPacer(clock, Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofMinutes(5));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final StuckWindowWatch watch = new StuckWindowWatch(pacer, timer);

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void aStuckPollIsReportedOnce() {
        pacer.begin(null, null);
        clock.advance(Duration.ofMinutes(6));

        assertTrue(watch.check());
        assertFalse(watch.check());
    }

    @Test
    void aPollThatEndsInTimeIsNotReported() {
        pacer.begin(null, null);
        clock.advance(Duration.ofMinutes(4));
        pacer.commit(null, null, 1);
        clock.advance(Duration.ofMinutes(4));

        assertFalse(watch.check());
    }

    @Test
    void theNextStuckPollIsReportedAgain() {
        pacer.begin(null, null);
        clock.advance(Duration.ofMinutes(6));
        watch.check();
        pacer.commit(null, null, 1);
        pacer.begin(null, null);
        clock.advance(Duration.ofMinutes(6));

        assertTrue(watch.check());
    }
}

package org.rebound.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.rebound.pipeline.StuckMessages;
import org.rebound.testing.ManualClock;

class PollPacerTest {

    private final ManualClock clock = new ManualClock();
    private final PollPacer pacer = new PollPacer(clock, Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofMinutes(5));

    @Test
    void pollsWhileNothingFails() {
        assertTrue(pacer.begin(null, null));
    }

    @Test
    void skipsPollsForThePollDelayAfterAFailure() {
        pacer.windowFailed(new IllegalStateException("database down"));

        clock.advance(Duration.ofSeconds(4));
        assertFalse(pacer.begin(null, null));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(pacer.begin(null, null));
    }

    @Test
    void waitDoublesUpToTheCeiling() {
        for (int i = 0; i < 4; i++) {
            pacer.windowFailed(new IllegalStateException("database down"));
        }
        clock.advance(Duration.ofSeconds(19));
        assertFalse(pacer.begin(null, null));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(pacer.begin(null, null));
    }

    @Test
    void committedWindowEndsTheBackoffAndItsCause() {
        pacer.windowFailed(new IllegalStateException("database down"));

        pacer.windowCommitted();

        assertTrue(pacer.begin(null, null));
        assertEquals(Optional.empty(), pacer.failure());
    }

    @Test
    void failureNamesTheCause() {
        pacer.windowFailed(new IllegalStateException("database down"));

        assertEquals(Optional.of("IllegalStateException: database down"), pacer.failure());
    }

    @Test
    void aPollRunningLongerThanTheLimitIsStuckSinceItBegan() {
        pacer.begin(null, null);
        Instant began = clock.instant();

        clock.advance(Duration.ofMinutes(5));

        assertEquals(Optional.of(began), pacer.stuckSince());
    }

    @Test
    void aPollWithinTheLimitIsNotStuck() {
        pacer.begin(null, null);

        clock.advance(Duration.ofMinutes(4));

        assertEquals(Optional.empty(), pacer.stuckSince());
    }

    @Test
    void aPollThatEndedIsNotStuck() {
        pacer.begin(null, null);
        pacer.commit(null, null, 1);

        clock.advance(Duration.ofMinutes(10));

        assertEquals(Optional.empty(), pacer.stuckSince());
    }

    @Test
    void aStuckPollMakesTheHealthCheckDown() {
        pacer.begin(null, null);
        clock.advance(Duration.ofMinutes(6));

        HealthCheck.Result result = new MailboxHealthCheck(pacer, new StuckMessages(clock, Duration.ofMinutes(5)))
                .call();

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElse("").contains("rebound.mailbox.window-stuck-after"),
                result.getMessage().toString());
    }
}

package org.rebound.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rebound.message.Disposition.Outcome;
import org.rebound.testing.ManualClock;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.MessageResult;
import org.rebound.message.Disposition;
import org.rebound.message.Window;

class DrainProgressTest {

    private final ManualClock clock = new ManualClock();
    private DrainProgress progress;

    @AfterEach
    void stop() {
        if (progress != null) {
            progress.close();
        }
    }

    private DrainProgress started() throws Exception {
        progress = DrainProgress.start(clock, Duration.ofHours(1));
        return progress;
    }

    /** A window of this many messages from a session on a mailbox of {@code mailboxSize}, nothing done yet. */
    private static Window fetched(int mailboxSize, int n, boolean firstOfSession) {
        List<ReturnedMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(ReturnedMessage.of(("message " + i).getBytes(StandardCharsets.US_ASCII), "uid" + i));
        }
        return Window.of(new Window.Source("default", mailboxSize, firstOfSession), messages);
    }

    /** The window committed, each message dead-lettered as unreadable (no events). */
    private static Window unreadable(Window window) {
        return window.decided(window.messages().stream().map(m -> new Disposition(
                MessageResult.unreadable(m, new IllegalStateException("bad")), List.of(), Optional.of("unreadable"),
                Outcome.DEAD_LETTERED)).toList()).committed();
    }

    private void fetchWindow(int mailboxSize, int size) {
        Window window = fetched(mailboxSize, size, true);
        progress.fetched(window);
        progress.committed(unreadable(window));
    }

    @Test
    void remainingIsTheMailboxAtSessionStartLessWhatWasDoneSince() throws Exception {
        started();
        fetchWindow(1000, 200);

        assertEquals(800, progress.getRemaining());
        assertEquals(200, progress.getMessagesDone());
        assertEquals(1, progress.getWindows());
    }

    @Test
    void rateAndTimeLeftFollowTheClock() throws Exception {
        started();
        fetchWindow(1000, 200);
        clock.advance(Duration.ofSeconds(2));

        assertEquals(100.0, progress.getMessagesPerSecond(), 0.001);
        assertEquals(8, progress.getEtaSeconds());
    }

    @Test
    void aLaterWindowOfTheSameSessionDoesNotCountTheMailboxAgain() throws Exception {
        started();
        fetchWindow(1000, 200);
        Window later = fetched(1000, 200, false);

        progress.fetched(later);
        progress.committed(unreadable(later));

        assertEquals(600, progress.getRemaining());
    }

    @Test
    void timeLeftIsUnknownBeforeAnythingIsDone() throws Exception {
        started();

        assertEquals(-1, progress.getEtaSeconds());
    }

    @Test
    void deadLettersAreCountedPerMessage() throws Exception {
        started();
        fetchWindow(10, 10);

        assertEquals(10, progress.getDeadLettered());
        assertEquals(0, progress.getEventsStored());
    }

    @Test
    void anEmptiedMailboxEndsTheDrainAndTheNextFetchStartsANewOne() throws Exception {
        started();
        fetchWindow(200, 200);
        clock.advance(Duration.ofSeconds(100));
        fetchWindow(50, 50);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(50.0, progress.getMessagesPerSecond(), 0.001);
        assertTrue(progress.line().startsWith("drain: 50 of 50 messages (100 %)"), progress.line());
    }

    @Test
    void countersAreJmxAttributes() throws Exception {
        started();
        fetchWindow(1000, 200);

        Object remaining = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(DrainProgress.OBJECT_NAME), "Remaining");

        assertEquals(800L, remaining);
    }
}

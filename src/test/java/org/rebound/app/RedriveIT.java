package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;
import org.rebound.deadletter.Redriver;

/**
 * Two bounces nobody can correlate go to the dead-letter folder; then the sending system's log learns one of
 * them, and a redrive stores that one, publishes its event, and removes its files, leaving the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedriveIT {

    private RunningRebound rebound;
    private Redriver.Result result;

    @BeforeAll
    void deadLetterTwoThenRedrive() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s);
        rebound.mailbox.deliver(TestMail.dsn("late@sender.example",
                List.of(new Failure("late@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        rebound.mailbox.deliver(TestMail.dsn("unknown@sender.example",
                List.of(new Failure("nobody@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        RunningRebound.await("both bounces dead-lettered", Duration.ofSeconds(30),
                () -> emlFiles().size() == 2 && rebound.mailbox.messageCount() == 0);

        rebound.logSent("late@sender.example", "late@recipient.example", "winter", null);
        result = RedriveCommand.redriver(rebound.server, rebound.settings).redrive(rebound.work.resolve("dead-letter"));
        RunningRebound.await("the redriven event on the topic", Duration.ofSeconds(30),
                () -> rebound.subscriber.count() == 1);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void redrivenBounceIsStored() throws SQLException {
        assertEquals(List.of("late@recipient.example message-id"),
                rebound.rows("SELECT recipient || ' ' || correlation_key FROM bounce_event"));
    }

    @Test
    void onlyTheStillUncorrelatedBounceStaysInTheFolder() throws Exception {
        List<Path> left = emlFiles();
        assertEquals(1, left.size());
        assertTrue(Files.readString(left.get(0)).contains("unknown@sender.example"));
    }

    @Test
    void resultCountsOneSuccessAndOneFailure() {
        assertEquals(new Redriver.Result(2, 1, 1), result);
    }

    private List<Path> emlFiles() {
        try (Stream<Path> files = Files.list(rebound.work.resolve("dead-letter"))) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;

/** Diagnostics that no rule reads are counted by pattern as the pipeline stores their bounces. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualificationFromPipelineIT {

    private RunningRebound rebound;

    @BeforeAll
    void drainTwoBouncesWithAnUnknownWording() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s);
        for (int i = 1; i <= 2; i++) {
            rebound.logSent("q" + i + "@sender.example", "q" + i + "@recipient.example", "winter", null);
            rebound.mailbox.deliver(TestMail.dsn("q" + i + "@sender.example", List.of(new Failure(
                    "q" + i + "@recipient.example", "5.1.1", "550 5.1.1 qqzzx " + (1000 + i)))));
        }
        RunningRebound.await("both bounces stored", Duration.ofSeconds(30),
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 2);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void sameWordingWithOtherNumbersCountsAsOnePattern() throws SQLException {
        assertEquals(List.of("550 5.1.1 qqzzx <n>|2|to_qualify"),
                rebound.rows("SELECT pattern || '|' || CAST(count AS VARCHAR(10)) || '|' || status "
                        + "FROM qualification_log"));
    }
}

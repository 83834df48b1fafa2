package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.store.Reclassifier;

/**
 * A bounce stored under one rule book is classified again under a newer one, from its stored raw message: the
 * event's reason and the address's state follow, and the history says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReclassifyIT {

    private static final String WORDING = "550 5.7.1 Message refused by zz-gatekeeper";

    private RunningRebound rebound;
    private Path localRules;
    private Reclassifier.Summary summary;

    @BeforeAll
    void storeABounceThenLearnARule() throws Exception {
        localRules = Files.createTempDirectory("rules-local");
        rebound = RunningRebound.start(TestDatabase.h2(),
                s -> s.with("rebound.rules.local-dir", localRules.toString()));
        rebound.logSent("m9@sender.example", "someone@recipient.example", "winter", null);
        rebound.mailbox.deliver(TestMail.dsn("m9@sender.example",
                List.of(new Failure("someone@recipient.example", "5.7.1", WORDING))));
        RunningRebound.await("the bounce to be stored", Duration.ofSeconds(30),
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == 1);

        Files.writeString(localRules.resolve("zz.yaml"), """
                - id: zz-gatekeeper-is-a-dead-address
                  reason: userunknown
                  source: this test
                  match:
                    diagnostic: ['zz-gatekeeper']
                  examples:
                    - {diagnostic: "550 5.7.1 Message refused by zz-gatekeeper"}
                """);
        Settings settings = rebound.settings;
        summary = new Reclassifier(rebound.server.dataSource(), new ReportParser(),
                ReboundServer.classifier(settings), ReboundServer.quarantinePolicy(settings), Clock.systemUTC()).run();
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void storedEventTakesTheNewRulesReason() throws SQLException {
        assertEquals(List.of("userunknown hard zz-gatekeeper-is-a-dead-address"),
                rebound.rows("SELECT reason || ' ' || bounce_type || ' ' || rule_id FROM bounce_event"));
    }

    @Test
    void addressStateFollowsTheNewReason() throws SQLException {
        assertEquals(List.of("QUARANTINED"), rebound.rows("SELECT state FROM address"));
    }

    @Test
    void historyNamesTheReclassification() throws SQLException {
        assertEquals(List.of("reclassified QUARANTINED"), rebound.rows("SELECT rule || ' ' || to_state "
                + "FROM address_history WHERE rule = 'reclassified'"));
    }

    @Test
    void summaryCountsOneChangedEventAndAddress() {
        assertEquals(1, summary.eventsChanged());
        assertEquals(1, summary.addressesChanged());
    }
}

package org.rebound.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;
import org.rebound.dsn.OriginalMessage;
import org.rebound.message.Disposition;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.MessageResult;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.store.Database;
import org.rebound.store.ReceivedMessages;
import org.rebound.testing.ManualClock;

/**
 * Poison isolation on a real Camel context, a real dead-letter folder and an H2 database, with a window route that
 * commits any part without the poisoned message and fails any part with it: the window that comes back is the parts
 * that committed, merged, and a window that fails for want of a database carries what committed before.
 */
class PoisonIsolationTest {

    @TempDir
    Path deadLetterDir;

    private final ReturnedMessage a = message("a");
    private final ReturnedMessage b = message("b");
    private final ReturnedMessage poison = message("poison");
    private final ReturnedMessage d = message("d");
    /** What the database health check answers, one answer per question; true once they run out. */
    private final Deque<Boolean> databaseAnswers = new ArrayDeque<>();
    private HikariDataSource db;
    private CamelContext camel;
    private PoisonIsolation isolation;

    @BeforeEach
    void start() throws Exception {
        db = Database.open("jdbc:h2:mem:poison-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2,
                Duration.ofSeconds(5));
        Database.migrate(db);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:process-window").process(PoisonIsolationTest.this::recordUnlessPoisoned);
            }
        });
        camel.start();
        ManualClock clock = new ManualClock();
        isolation = new PoisonIsolation(() -> databaseAnswers.isEmpty() || databaseAnswers.pop(),
                new DeadLetterFolder(deadLetterDir, clock, "test"), new ReceivedMessages(db),
                new StuckMessages(clock, Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        db.close();
    }

    @Test
    void theMessagesThatCommittedInHalvesAreReleased() throws Exception {
        Window recorded = isolation.record(exchange(a, b, poison, d));

        assertEquals(Set.of(a.contentHash(), b.contentHash(), poison.contentHash(), d.contentHash()),
                recorded.released());
        assertEquals(List.of(a, b, poison, d), recorded.dispositions().stream().map(Disposition::message).toList());
    }

    @Test
    void theMessageThatFailsOnItsOwnIsDeadLetteredAsUnrecordable() throws Exception {
        Window recorded = isolation.record(exchange(a, b, poison, d));

        assertEquals(List.of(Optional.of("unrecordable")), recorded.deadLettered().stream()
                .map(Disposition::deadLetterReason).toList());
        assertTrue(Files.exists(deadLetterDir.resolve(poison.shortId() + ".eml")));
    }

    @Test
    void aWindowThatFailsForWantOfTheDatabaseCarriesWhatCommittedBefore() {
        // Answers when the whole window fails, then not when its second half does.
        databaseAnswers.add(true);
        databaseAnswers.add(false);
        Exchange exchange = exchange(a, b, poison, d);

        assertThrows(IllegalStateException.class, () -> isolation.record(exchange));

        assertEquals(Set.of(a.contentHash(), b.contentHash()), exchange.getIn().getBody(Window.class).released());
    }

    private void recordUnlessPoisoned(Exchange exchange) {
        Window part = exchange.getIn().getBody(Window.class);
        if (part.messages().contains(poison)) {
            throw new IllegalStateException("a row the database rejects");
        }
        BounceReport reply = BounceReport.notABounce(Kind.HUMAN_REPLY, "test", "", OriginalMessage.UNKNOWN);
        exchange.getIn().setBody(part.decided(part.messages().stream().map(m -> new Disposition(
                MessageResult.notABounce(m, reply), List.of(), Optional.empty(), Outcome.FORWARDED)).toList())
                .committed());
    }

    private Exchange exchange(ReturnedMessage... messages) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(Window.of(new Window.Source("default", messages.length, true), List.of(messages)));
        return exchange;
    }

    private static ReturnedMessage message(String name) {
        return ReturnedMessage.of(("Subject: " + name + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII),
                "uid-" + name);
    }
}

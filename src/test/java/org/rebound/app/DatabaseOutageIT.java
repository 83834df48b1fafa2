package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rebound.mailbox.MailboxAccount;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;

/**
 * The database goes away mid-run (PostgreSQL behind a proxy the test cuts) and comes back: meanwhile the mailbox
 * is left untouched and the health check names the cause; afterwards every bounce is stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    private TcpProxy proxy;
    private RunningRebound rebound;
    private int mailboxDuringOutage;
    private Optional<HealthCheck.Result> databaseDuringOutage;

    /** The protocol the mailbox is read with. */
    MailboxAccount.Protocol protocol() {
        return MailboxAccount.Protocol.POP3;
    }

    @BeforeAll
    void cutTheDatabaseThenRestoreIt() throws Exception {
        proxy = new TcpProxy(5432);
        rebound = RunningRebound.start(TestDatabase.postgres("rebound_outage_" + protocol().storeName())
                .throughPort(proxy.port()), protocol(), s -> s);
        for (int i = 0; i < 3; i++) {
            rebound.logSent("o" + i + "@sender.example", "r" + i + "@recipient.example", "winter", null);
        }
        proxy.cut();
        for (int i = 0; i < 3; i++) {
            rebound.mailbox.deliver(TestMail.dsn("o" + i + "@sender.example",
                    List.of(new Failure("r" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        }
        RunningRebound.await("the health check to see the outage", Duration.ofSeconds(60),
                () -> health("database").map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false));
        Thread.sleep(2_000);
        mailboxDuringOutage = rebound.mailbox.messageCount();
        databaseDuringOutage = health("database");

        proxy.restore();
        RunningRebound.await("every bounce stored after the outage", Duration.ofSeconds(120),
                () -> rebound.mailbox.messageCount() == 0 && rebound.subscriber.count() >= 3);
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
        proxy.close();
    }

    @Test
    void mailboxIsLeftUntouchedWhileTheDatabaseIsDown() {
        assertEquals(3, mailboxDuringOutage);
    }

    @Test
    void healthCheckNamesTheDatabaseAsTheCause() {
        HealthCheck.Result result = databaseDuringOutage.orElseThrow();
        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElse("").startsWith("database unreachable"), result.getMessage().toString());
    }

    @Test
    void everyBounceIsStoredOnceAfterTheOutage() {
        assertEquals(3, rebound.count("SELECT COUNT(*) FROM bounce_event"));
        assertEquals(3, rebound.count("SELECT COUNT(DISTINCT event_id) FROM bounce_event"));
    }

    @Test
    void healthIsUpAgainAfterTheOutage() {
        assertEquals(HealthCheck.State.UP, health("database").orElseThrow().getState());
    }

    private Optional<HealthCheck.Result> health(String id) {
        return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck(id)
                .map(check -> ((HealthCheck) check).call());
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rebound.app.TestMail.Failure;
import org.rebound.mailbox.MailboxAccount;

/**
 * The mailbox consumer's failure path: while the database stays away, every window's exchange fails, so the
 * consumer ends its session without deleting (onFailure), the pacer backs off and the pipeline's health says why;
 * once the database is back the same messages are recorded and only then leave the mailbox (onComplete).
 */
class FailedWindowStaysInTheMailboxIT {

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = MailboxAccount.Protocol.class, names = {"POP3", "IMAP"})
    void aWindowThatFailsLeavesItsMessagesAndBacksOffUntilTheDatabaseIsBack(MailboxAccount.Protocol protocol)
            throws Exception {
        try (TcpProxy proxy = new TcpProxy(5432);
             RunningRebound rebound = RunningRebound.start(TestDatabase.postgres("rebound_failed_window_"
                     + protocol.storeName()).throughPort(proxy.port()), protocol,
                     s -> s.with("rebound.db.connect-timeout", "PT1S").with("rebound.mailbox.backoff-max", "PT1S"))) {
            for (int i = 0; i < 2; i++) {
                rebound.logSent("f" + i + "@sender.example", "f" + i + "@recipient.example", "winter", null);
            }
            proxy.cut();
            for (int i = 0; i < 2; i++) {
                rebound.mailbox.deliver(TestMail.dsn("f" + i + "@sender.example",
                        List.of(new Failure("f" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            }
            RunningRebound.await("the pipeline to report the failing windows", Duration.ofSeconds(60),
                    () -> pipelineHealth(rebound).getState() == HealthCheck.State.DOWN);
            HealthCheck.Result whileDown = pipelineHealth(rebound);
            Thread.sleep(1_500);
            int mailboxWhileDown = rebound.mailbox.messageCount();

            proxy.restore();
            RunningRebound.await("both bounces recorded and gone from the mailbox", Duration.ofSeconds(60),
                    () -> rebound.mailbox.messageCount() == 0
                            && rebound.count("SELECT COUNT(*) FROM bounce_event") == 2);

            assertEquals(2, mailboxWhileDown);
            // The cause is the database's, whichever way the cut shows first: a pooled connection's I/O error (the
            // proxy closed it mid-statement, often when another query, such as the reputation check, held it) or
            // the pool finding no connection within rebound.db.connect-timeout.
            String why = whileDown.getMessage().orElse("");
            assertTrue(why.contains("Connection is not available") || why.contains("I/O error occurred while sending to "
                    + "the backend"), why);
            assertEquals(HealthCheck.State.UP, pipelineHealth(rebound).getState());
        }
    }

    private static HealthCheck.Result pipelineHealth(RunningRebound rebound) {
        return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck("pipeline")
                .map(check -> ((HealthCheck) check).call()).orElseThrow();
    }
}

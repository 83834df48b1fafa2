package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rebound.app.TestMail.Failure;
import org.rebound.events.BrokerLogin;
import org.rebound.events.EmbeddedBroker;
import org.rebound.events.EventSubscriber;

/**
 * An external broker goes away mid-run (behind a proxy the test cuts) and comes back: bounces are still stored,
 * their events wait in the outbox, the health check names the broker; afterwards every event reaches the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    private static final int BOUNCES = 5;
    private static final BrokerLogin PUBLISHER = new BrokerLogin("rebound", "external-publisher-password");
    private static final BrokerLogin SUBSCRIBER = new BrokerLogin("subscriber", "external-subscriber-password");

    private EmbeddedBroker broker;
    private TcpProxy proxy;
    private RunningRebound rebound;
    private EventSubscriber outside;
    private int pendingDuringOutage;
    private HealthCheck.Result brokerDuringOutage;

    @BeforeAll
    void cutTheBrokerThenRestoreIt() throws Exception {
        int brokerPort = DemoMailbox.freePort();
        Path dir = Files.createTempDirectory("external-broker");
        broker = new EmbeddedBroker("127.0.0.1", brokerPort, dir.toString(), PUBLISHER, Optional.of(SUBSCRIBER));
        proxy = new TcpProxy(brokerPort);
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s.with("rebound.jms.embedded", "false")
                .with("rebound.jms.user", PUBLISHER.user()).with("rebound.jms.password", PUBLISHER.password())
                .with("rebound.jms.url", "tcp://127.0.0.1:" + proxy.port() + "?callTimeout=5000&clientFailureCheckPeriod=2000&connectionTTL=6000"));
        outside = EventSubscriber.subscribe(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                        SUBSCRIBER.user(), SUBSCRIBER.password()),
                "rebound.bounces");
        for (int i = 0; i < BOUNCES; i++) {
            rebound.logSent("b" + i + "@sender.example", "r" + i + "@recipient.example", "winter", null);
        }
        proxy.cut();
        for (int i = 0; i < BOUNCES; i++) {
            rebound.mailbox.deliver(TestMail.dsn("b" + i + "@sender.example",
                    List.of(new Failure("r" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
        }
        RunningRebound.await("the bounces stored while the broker is away", Duration.ofSeconds(60),
                () -> rebound.count("SELECT COUNT(*) FROM bounce_event") == BOUNCES);
        Thread.sleep(1_000);
        pendingDuringOutage = rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
        brokerDuringOutage = health("broker");

        proxy.restore();
        RunningRebound.await("every event on the topic, and marked sent", Duration.ofSeconds(60),
                () -> outside.count() >= BOUNCES
                        && rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL") == 0);
    }

    @AfterAll
    void stop() throws Exception {
        outside.close();
        rebound.close();
        proxy.close();
        broker.close();
    }

    @Test
    void eventsWaitInTheOutboxWhileTheBrokerIsAway() {
        assertEquals(BOUNCES, pendingDuringOutage);
    }

    @Test
    void healthCheckNamesTheBrokerAsTheCause() {
        assertEquals(HealthCheck.State.DOWN, brokerDuringOutage.getState());
        assertTrue(brokerDuringOutage.getMessage().orElse("").startsWith("broker unreachable"),
                brokerDuringOutage.getMessage().toString());
    }

    @Test
    void everyEventReachesTheTopicOnceTheBrokerIsBack() {
        assertEquals(BOUNCES, new HashSet<>(outside.received()).size());
        assertEquals(0, rebound.count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL"));
    }

    private HealthCheck.Result health(String id) {
        return HealthCheckRegistry.get(rebound.server.camelContext()).getCheck(id)
                .map(check -> ((HealthCheck) check).call()).orElseThrow();
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded broker runs with security on: no program outside Rebound can put a forged event on the topic,
 * neither without a login nor with the subscribers' one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerSecurityIT {

    private RunningRebound rebound;
    private String url;

    @BeforeAll
    void start() throws Exception {
        rebound = RunningRebound.start(TestDatabase.h2(), s -> s);
        url = "tcp://127.0.0.1:" + rebound.settings.text("rebound.jms.embedded.port")
                + "?initialConnectAttempts=1&reconnectAttempts=0";
    }

    @AfterAll
    void stop() throws Exception {
        rebound.close();
    }

    @Test
    void anAnonymousConnectionIsRefused() {
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
                c.start();
            }
        });
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = new ActiveMQConnectionFactory(url, "subscriber", "guess").createConnection()) {
                c.start();
            }
        });
    }

    @Test
    void theSubscribersLoginCannotPublishOnTheTopic() throws JMSException {
        try (Connection c = new ActiveMQConnectionFactory(url, "subscriber", RunningRebound.SUBSCRIBER_PASSWORD)
                .createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(
                    rebound.settings.text("rebound.jms.topic")));
            assertThrows(JMSSecurityException.class,
                    () -> producer.send(session.createTextMessage("{\"forged\":true}")));
        }
    }
}

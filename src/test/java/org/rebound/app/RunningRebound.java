package org.rebound.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.rebound.events.EventSubscriber;
import org.rebound.mailbox.MailboxAccount;

/**
 * Rebound as the tests run it: the shipped application.properties and routes, a real POP3 or IMAP server on loopback,
 * the embedded broker with a subscriber outside Rebound (over TCP), a temporary folder, and the given database.
 */
final class RunningRebound implements AutoCloseable {

    /** The password of the embedded broker's subscriber login in tests. */
    static final String SUBSCRIBER_PASSWORD = "test-subscriber-password";

    final Path work;
    final Settings settings;
    final DemoMailbox mailbox;
    final ReboundServer server;
    final EventSubscriber subscriber;

    private RunningRebound(Path work, Settings settings, DemoMailbox mailbox, ReboundServer server,
                           EventSubscriber subscriber) {
        this.work = work;
        this.settings = settings;
        this.mailbox = mailbox;
        this.server = server;
        this.subscriber = subscriber;
    }

    static RunningRebound start(TestDatabase db, UnaryOperator<Settings> adjust) throws Exception {
        return start(db, MailboxAccount.Protocol.POP3, adjust);
    }

    /** Rebound reading a mailbox served with this protocol (pop3 or imap). */
    static RunningRebound start(TestDatabase db, MailboxAccount.Protocol protocol, UnaryOperator<Settings> adjust)
            throws Exception {
        Path work = Files.createTempDirectory("rebound-test");
        DemoMailbox mailbox = new DemoMailbox(protocol);
        int jmsPort = DemoMailbox.freePort();
        Settings settings = mailbox.configure(Settings.load(Path.of("application.properties"), Map.of(),
                        new Properties()))
                .with("rebound.db.url", db.url())
                .with("rebound.db.user", db.user())
                .with("rebound.db.password", db.password())
                .with("rebound.dead-letter.dir", work.resolve("dead-letter").toString())
                .with("rebound.jms.embedded.data-dir", work.resolve("artemis").toString())
                .with("rebound.jms.embedded.port", Integer.toString(jmsPort))
                .with("rebound.jms.embedded.subscriber-password", SUBSCRIBER_PASSWORD)
                .with("rebound.mailbox.poll-delay", "100")
                .with("camel.management.port", Integer.toString(DemoMailbox.freePort()))
                .with("camel.server.port", Integer.toString(DemoMailbox.freePort()));
        Settings adjusted = adjust.apply(settings);
        ReboundServer server = null;
        try {
            server = ReboundServer.start(adjusted);
            // A subscriber outside Rebound: over TCP to the embedded broker, or to the configured broker.
            boolean embedded = adjusted.bool("rebound.jms.embedded");
            ActiveMQConnectionFactory outside = embedded
                    ? new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort,
                            adjusted.text("rebound.jms.embedded.subscriber-user"), SUBSCRIBER_PASSWORD)
                    : new ActiveMQConnectionFactory(adjusted.text("rebound.jms.url"),
                            adjusted.optionalText("rebound.jms.user"), adjusted.optionalText("rebound.jms.password"));
            EventSubscriber subscriber = EventSubscriber.subscribe(outside, adjusted.text("rebound.jms.topic"));
            return new RunningRebound(work, adjusted, mailbox, server, subscriber);
        } catch (Exception | Error e) {
            try (mailbox; AutoCloseable s = server) {
                throw e;
            }
        }
    }

    /** Plays the sending system: one row of its log of sent messages. */
    void logSent(String messageId, String recipient, String deliveryId, String verpToken) throws SQLException {
        try (Connection c = server.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sent_message (message_id, recipient, delivery_id, sent_at, verp_token) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, messageId);
            s.setString(2, recipient);
            s.setString(3, deliveryId);
            s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
            s.setString(5, verpToken);
            s.executeUpdate();
        }
    }

    /** The first column of every row of a query, as text. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    int count(String sql) {
        try {
            return Integer.parseInt(rows(sql).get(0));
        } catch (SQLException e) {
            return -1;
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}; a timeout's message ends with the state it describes. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                String seen = state.get();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (seen.isEmpty() ? "" : ": " + seen));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        try (mailbox; server; subscriber) {
            // closed in reverse order: subscriber, server, mailbox
        }
    }
}

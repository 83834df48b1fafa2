package org.rebound.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.rebound.app.DemoMailbox;
import org.rebound.bench.BenchDatabase.SentLog;
import org.rebound.bench.BounceGenerator.Generated;
import org.rebound.bench.BounceGenerator.SentRow;
import org.rebound.events.EventSubscriber;

/**
 * Everything around a Rebound process that drains a generated mailbox: the POP3 server (in this process, so it
 * outlives a killed Rebound) behind a {@link Pop3Tap}, the database with the sending system's log, the expected
 * results, and the settings and subscriptions for the child process. Shared by the bench command and the crash
 * tests.
 */
public final class DrainFixture implements AutoCloseable {

    public static final String TOPIC = "rebound.bounces";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchMailbox mailbox;
    private final Pop3Tap tap;
    private final BenchDatabase database;
    private final ExpectedResults expected;
    private final Path work;
    /** The password of the embedded broker's subscriber login during a benchmark run. */
    private static final String SUBSCRIBER_PASSWORD = "bench-subscriber";

    private final int jmsPort;
    private final int sentRows;

    private DrainFixture(BenchMailbox mailbox, Pop3Tap tap, BenchDatabase database, ExpectedResults expected,
                         Path work, int sentRows) {
        this.mailbox = mailbox;
        this.tap = tap;
        this.database = database;
        this.expected = expected;
        this.work = work;
        this.jmsPort = DemoMailbox.freePort();
        this.sentRows = sentRows;
    }

    /**
     * Generates the messages into the given empty POP3 mailbox, which the fixture then owns, and their sent
     * messages into the database (migrated first), with {@code unbouncedPerMessage} more sent rows per message that
     * never bounced, as a real sending log holds.
     */
    public static DrainFixture prepare(BenchMailbox mailbox, BenchDatabase database, Path work,
                                       BounceGenerator generator, int messages, int unbouncedPerMessage)
            throws IOException, SQLException {
        ExpectedResults expected = new ExpectedResults();
        int rows;
        try (HikariDataSource pool = database.open(); SentLog log = new SentLog(pool)) {
            for (int i = 0; i < messages; i++) {
                Generated g = generator.generate(i);
                expected.add(g);
                for (SentRow row : g.sentRows()) {
                    log.add(row);
                }
                for (int k = 0; k < unbouncedPerMessage; k++) {
                    log.add(new SentRow("delivered." + i + "." + k + "@sender.rebound.invalid",
                            "delivered" + i + "x" + k + "@recipient.rebound.invalid", "bench-delivery-" + (i % 10)));
                }
                mailbox.deliver(g.raw());
            }
            log.close();
            rows = log.written();
        } catch (SQLException | RuntimeException e) {
            mailbox.close();
            throw e;
        }
        return new DrainFixture(mailbox, new Pop3Tap(mailbox.port()), database, expected, work, rows);
    }

    /**
     * Delivers the generator's first {@code messages} messages into the mailbox again, as {@link #prepare} did (the
     * same bytes: the generator gives the same message for the same index), for the bench's bare-client baseline.
     */
    public void deliverAgain(BounceGenerator generator, int messages) {
        for (int i = 0; i < messages; i++) {
            mailbox.deliver(generator.generate(i).raw());
        }
    }

    /** The mailbox's own port, without the tap in front. */
    public int mailboxPort() {
        return mailbox.port();
    }

    public String mailboxUser() {
        return mailbox.user();
    }

    public String mailboxPassword() {
        return mailbox.password();
    }

    public ExpectedResults expected() {
        return expected;
    }

    public Pop3Tap tap() {
        return tap;
    }

    public BenchDatabase database() {
        return database;
    }

    public int sentRows() {
        return sentRows;
    }

    public int mailboxCount() {
        return mailbox.messageCount();
    }

    /** CPU seconds of the POP3 server so far, where it runs apart from this process. */
    public OptionalDouble mailboxCpuSeconds() {
        return mailbox.cpuSeconds();
    }

    /** The settings that point a Rebound process at this fixture's mailbox (through the tap), database and folders. */
    public Map<String, String> settings(int pollDelayMillis, String nonBouncePolicy) {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.put("rebound.mailbox.protocol", "pop3");
        settings.put("rebound.mailbox.host", "127.0.0.1");
        settings.put("rebound.mailbox.port", Integer.toString(tap.port()));
        settings.put("rebound.mailbox.user", mailbox.user());
        settings.put("rebound.mailbox.password", mailbox.password());
        settings.put("rebound.mailbox.poll-delay", Integer.toString(pollDelayMillis));
        settings.put("rebound.non-bounce.policy", nonBouncePolicy);
        settings.put("rebound.dead-letter.dir", work.resolve("dead-letter").toString());
        settings.put("rebound.jms.embedded.data-dir", work.resolve("artemis").toString());
        settings.put("rebound.jms.embedded.port", Integer.toString(jmsPort));
        settings.put("rebound.jms.embedded.subscriber-password", SUBSCRIBER_PASSWORD);
        settings.put("rebound.jms.topic", TOPIC);
        // Its own health and API ports: a Rebound already running on this machine holds the shipped ones.
        settings.put("camel.management.port", Integer.toString(DemoMailbox.freePort()));
        settings.put("camel.server.port", Integer.toString(DemoMailbox.freePort()));
        return settings;
    }

    /**
     * The settings that point a Rebound process at this fixture's mailbox over IMAP, directly (the tap relays POP3),
     * its database and folders; processed mail is expunged.
     */
    public Map<String, String> imapSettings(int pollDelayMillis, String nonBouncePolicy) {
        Map<String, String> settings = settings(pollDelayMillis, nonBouncePolicy);
        settings.put("rebound.mailbox.protocol", "imap");
        settings.put("rebound.mailbox.port", Integer.toString(mailbox.port()));
        settings.put("rebound.mailbox.imap.processed", "expunge");
        return settings;
    }

    /** How many messages should stay in the mailbox under a non-bounce policy. */
    public int mailboxExpected(String nonBouncePolicy) {
        return nonBouncePolicy.equals("keep") ? expected.notBounces() : 0;
    }

    /**
     * Subscribes to the topic of the Rebound process's embedded broker over TCP, retrying while the broker starts.
     */
    /** The embedded broker's subscriber login, over its TCP acceptor. */
    private ActiveMQConnectionFactory subscriberConnections() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort, "subscriber", SUBSCRIBER_PASSWORD);
    }

    public EventSubscriber subscribe(ReboundProcess rebound, Duration timeout)
            throws JMSException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ActiveMQConnectionFactory factory = subscriberConnections();
        while (true) {
            try {
                return EventSubscriber.subscribe(factory, TOPIC);
            } catch (JMSException e) {
                if (!rebound.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Subscribes durably (or resumes the subscription) to the topic of the Rebound process's embedded broker,
     * retrying while the broker starts; every eventId received goes to {@code into}.
     */
    public DurableSubscriber subscribeDurably(ReboundProcess rebound, String clientId,
                                              ConcurrentLinkedQueue<String> into, Duration timeout)
            throws JMSException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ActiveMQConnectionFactory factory = subscriberConnections();
        while (true) {
            try {
                return DurableSubscriber.subscribe(factory, TOPIC, clientId, into);
            } catch (JMSException e) {
                if (!rebound.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The eventId of every event the subscribers received, repeats included. */
    public static List<String> eventIds(List<EventSubscriber> subscribers) throws IOException {
        List<String> ids = new ArrayList<>();
        for (EventSubscriber s : subscribers) {
            for (String json : s.received()) {
                ids.add(JSON.readTree(json).path("eventId").asText());
            }
        }
        return ids;
    }

    /** Reads the database (Rebound must not hold an H2 file open) and judges the run. */
    public ExpectedResults.Verdict verify(List<String> receivedEventIds, String nonBouncePolicy) throws SQLException {
        try (HikariDataSource pool = database.open()) {
            return expected.compare(BenchDatabase.read(pool), receivedEventIds, mailbox.messageCount(),
                    mailboxExpected(nonBouncePolicy));
        }
    }

    /** Reads the database and judges what was recorded, for a run that does not subscribe to the topic. */
    public ExpectedResults.Recording verifyRecorded(String nonBouncePolicy) throws SQLException {
        try (HikariDataSource pool = database.open()) {
            return expected.compareRecorded(BenchDatabase.read(pool), mailbox.messageCount(),
                    mailboxExpected(nonBouncePolicy));
        }
    }

    /**
     * Each message's time from its download to the commit that recorded it, as Rebound wrote them down
     * (received_message.fetched_at and received_at). Read after the run, like {@link #verify}.
     */
    public Latencies fetchToCommit() throws SQLException {
        try (HikariDataSource pool = database.open()) {
            return BenchDatabase.fetchToCommit(pool);
        }
    }

    /** How long the last {@code count} messages took to commit (see BenchDatabase.lastCommits). */
    public Optional<Duration> lastCommits(int count) throws SQLException {
        try (HikariDataSource pool = database.open()) {
            return BenchDatabase.lastCommits(pool, count);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            tap.close();
        } finally {
            mailbox.close();
        }
    }
}

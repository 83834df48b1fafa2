package org.rebound.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * How long the real jar takes to publish N outbox events to a durable subscription of the embedded broker (so that
 * the broker journals every message, as it does for a real consumer), from the commit that adds them to the moment
 * the outbox is empty. Only the jar, PostgreSQL and the broker's TCP port are used, so the same class measures an
 * older jar: run it from that jar's project folder (its routes/ and application.properties), with this class and
 * the jar on the class path.
 *
 * <pre>
 * java -cp target/test-classes:target/rebound.jar org.rebound.bench.OutboxPublishBenchmark target/rebound.jar 10000 3 [JVM-OPTION...]
 * </pre>
 *
 * Not a test: run by hand. The mailbox points at a closed port, so the pipeline only backs off meanwhile.
 */
public final class OutboxPublishBenchmark {

    private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "outbox_publish_bench";
    private static final String SUBSCRIBER_PASSWORD = "bench-subscriber-password";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        try (Connection c = DriverManager.getConnection(BASE, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String url = BASE + "?currentSchema=" + SCHEMA;
        int jmsPort = freePort();
        Path work = Files.createTempDirectory("outbox-publish-bench");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (int i = 3; i < args.length; i++) {
            command.add(args[i]); // JVM options for the child, such as -XX:StartFlightRecording=...
        }
        for (String[] kv : new String[][] {{"rebound.db.url", url}, {"rebound.db.user", "postgres"},
                {"rebound.mailbox.port", Integer.toString(freePort())}, {"rebound.mailbox.poll-delay", "60000"},
                {"rebound.mailbox.backoff-max", "PT10M"},
                {"rebound.jms.embedded.port", Integer.toString(jmsPort)},
                {"rebound.jms.embedded.data-dir", work.resolve("artemis").toString()},
                {"rebound.jms.embedded.subscriber-password", SUBSCRIBER_PASSWORD},
                {"rebound.dead-letter.dir", work.resolve("dead-letter").toString()},
                {"camel.management.port", Integer.toString(freePort())},
                {"camel.server.port", Integer.toString(freePort())}}) {
            command.add("-D" + kv[0] + "=" + kv[1]);
        }
        command.addAll(List.of("-jar", jar.toString(), "run"));
        Process rebound = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("rebound.out").toFile()).start();
        AtomicInteger received = new AtomicInteger();
        jakarta.jms.Connection subscriber = null;
        try {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort
                    + "?initialConnectAttempts=1&reconnectAttempts=0", "subscriber", SUBSCRIBER_PASSWORD);
            subscriber = awaitBroker(factory, rebound);
            subscriber.setClientID("publish-bench");
            Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic("rebound.bounces"), "publish-bench")
                    .setMessageListener(m -> received.incrementAndGet());
            subscriber.start();
            System.out.printf("jar %s, %d events a round, durable subscriber, PostgreSQL%n", jar.toAbsolutePath(),
                    events);
            for (int round = 1; round <= rounds; round++) {
                int before = received.get();
                double cpuBefore = cpuSeconds(rebound.pid());
                long start = addEvents(url, events);
                while (pending(url) > 0) {
                    Thread.sleep(10);
                }
                long published = System.nanoTime() - start;
                while (received.get() < before + events) {
                    Thread.sleep(10);
                }
                System.out.printf("round %d: %d events marked sent in %.2f s (%.0f/s); all received after %.2f s; "
                        + "Rebound's CPU %.2f s%n", round, events, published / 1e9, events / (published / 1e9),
                        (System.nanoTime() - start) / 1e9, cpuSeconds(rebound.pid()) - cpuBefore);
            }
        } finally {
            if (subscriber != null) {
                subscriber.close();
            }
            rebound.destroy();
            rebound.waitFor();
        }
    }

    private static jakarta.jms.Connection awaitBroker(ActiveMQConnectionFactory factory, Process rebound)
            throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!rebound.isAlive()) {
                throw new IllegalStateException("Rebound stopped: see its rebound.out");
            }
            try {
                return factory.createConnection();
            } catch (JMSException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the broker did not open within a minute");
    }

    /** Adds the events in one transaction, with payloads the size of a real event; returns when it committed. */
    private static long addEvents(String url, int n) throws SQLException {
        String padding = "x".repeat(600);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO outbox_event (event_id, payload, created_at) VALUES (?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    String id = UUID.randomUUID().toString();
                    s.setString(1, id);
                    s.setString(2, "{\"schemaVersion\":1,\"eventId\":\"" + id + "\",\"diagnostic\":\"" + padding + "\"}");
                    s.setObject(3, OffsetDateTime.now());
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
            return System.nanoTime();
        }
    }

    private static int pending(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** User and system CPU seconds of a process, from /proc/PID/stat (proc(5); USER_HZ is 100). */
    private static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5: the real jar, killed with SIGKILL while its relay holds a claim on outbox events, is started
 * again on the same host; the events it had claimed are relayed within seconds of the restart. The claim lease is
 * set to five minutes here, so that only the release at start, not the lease running out, can relay them in time.
 * On the PostgreSQL at 127.0.0.1:5432 (database test), which this JVM reads while the jar writes it.
 */
class OutboxCrashLeftoversIT {

    private static final Path JAR = Path.of("target", "rebound.jar");
    private static final int MESSAGES = 3_000;
    /** Lives in which to land a kill while a claim is held; a batch is in the relay's hands for milliseconds. */
    private static final int ATTEMPTS = 8;
    /** Generous for a JVM start on a busy machine, and far below the lease, which a missing release would wait. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void eventsAKilledProcessHadClaimedAreRelayedWithinSecondsOfTheRestart() throws Exception {
        assumeTrue(Files.exists(JAR), "needs the shaded jar: mvn package");
        Path work = Path.of("target", "outbox-leftovers");
        BenchDatabase.deleteRecursively(work);
        BenchDatabase database = BenchDatabase.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "",
                "rebound_leftovers");
        BounceGenerator generator = BounceGenerator.fromDemoCorpus(12, BounceGenerator.Mix.DEFAULT);
        try (DrainFixture fixture = DrainFixture.prepare(BenchMailbox.greenMail(), database, work, generator,
                MESSAGES, 0);
             HikariDataSource db = database.open()) {
            Map<String, String> settings = new HashMap<>(fixture.settings(100, "dead-letter"));
            settings.put("rebound.outbox.claim-lease", "PT5M");
            fixture.tap().open();
            List<Long> leftovers = List.of();
            int attempt = 0;
            while (leftovers.isEmpty() && attempt++ < ATTEMPTS) {
                try (ReboundProcess rebound = ReboundProcess.start(JAR, List.of("-Xmx512m"), settings,
                        work.resolve("logs"))) {
                    if (awaitClaim(db, rebound, Duration.ofMinutes(2))) {
                        rebound.kill();
                        leftovers = claimedUnsent(db);
                    }
                }
            }
            assertFalse(leftovers.isEmpty(), "no kill landed while the relay held a claim, in " + ATTEMPTS + " lives");

            Instant restart = Instant.now();
            Optional<Instant> relayed;
            try (ReboundProcess rebound = ReboundProcess.start(JAR, List.of("-Xmx512m"), settings,
                    work.resolve("logs"))) {
                relayed = awaitSent(db, leftovers, Duration.ofMinutes(2));
            }
            Duration waited = Duration.between(restart, relayed.orElse(Instant.MAX.minusSeconds(1)));
            System.out.printf("outbox crash leftovers on postgres: %d events claimed at the kill (life %d); event "
                    + "wait after restart: %s; the restarted process's first relay pass: %.3f s after the restart "
                    + "(both include its start; claim lease PT5M)%n", leftovers.size(), attempt,
                    relayed.isPresent() ? waited.toMillis() / 1000.0 + " s" : "never",
                    Duration.between(restart, firstSentSince(db, restart)).toMillis() / 1000.0);

            assertTrue(relayed.isPresent() && waited.compareTo(BOUND) < 0,
                    "events claimed at the kill relayed " + waited + " after the restart");
        }
    }

    /** Polls until the process holds a claim on unsent events (true) or has stopped or drained (false). */
    private static boolean awaitClaim(HikariDataSource db, ReboundProcess rebound, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT 1 FROM outbox_event WHERE sent_at IS NULL AND claimed_by LIKE ? FETCH FIRST 1 ROWS ONLY";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "%:" + rebound.pid());
            while (System.nanoTime() < deadline && rebound.isAlive()) {
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        return true;
                    }
                }
                if (drained(c)) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean drained(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT COUNT(*) FROM received_message")) {
            rows.next();
            return rows.getInt(1) >= MESSAGES;
        }
    }

    private static List<Long> claimedUnsent(HikariDataSource db) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT id FROM outbox_event WHERE sent_at IS NULL AND claimed_by IS NOT NULL")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** When the first event was marked sent at or after the given time. */
    private static Instant firstSentSince(HikariDataSource db, Instant since) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT MIN(sent_at) FROM outbox_event WHERE sent_at >= ?")) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    /** When the last of the events was marked sent, once all are; empty if they are not within the timeout. */
    private static Optional<Instant> awaitSent(HikariDataSource db, List<Long> ids, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), MAX(sent_at) FROM outbox_event WHERE id = ANY(?) AND sent_at IS NOT NULL")) {
            Array array = c.createArrayOf("BIGINT", ids.toArray());
            s.setArray(1, array);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == ids.size()) {
                        return Optional.of(rows.getObject(2, OffsetDateTime.class).toInstant());
                    }
                }
                Thread.sleep(50);
            }
        }
        return Optional.empty();
    }
}

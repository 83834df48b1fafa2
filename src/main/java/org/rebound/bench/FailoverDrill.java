package org.rebound.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

import org.rebound.app.DemoMailbox;
import org.rebound.bench.ExpectedResults.Recording;
import org.rebound.bench.ExpectedResults.Verdict.Check;

/**
 * Issue 18: two Rebound processes, one elected to poll, drain one Dovecot POP3 mailbox of generated bounces into one
 * database, while the poller is killed (SIGKILL, then started again) or paused (SIGSTOP, then SIGCONT once the other
 * has taken over) several times mid-drain. Per takeover it measures the time from the fault to the other instance's
 * first login in Dovecot's log, and the longest time the two instances had a POP3 session open at once, by Dovecot's
 * log too; at the end, whether every bounce was recorded exactly once, the outbox sent and the mailbox drained.
 *
 * <p>Each instance binds its POP3 connections to a loopback address of its own (127.0.0.2, 127.0.0.3: Jakarta Mail's
 * mail.pop3.localaddress), which Dovecot logs as the client's address (rip). The instances talk to Dovecot directly;
 * each has its own embedded broker, health and API ports, and the outbox of the shared database.
 */
public final class FailoverDrill {

    /** What happens to the poller. */
    public enum Fault {
        /** SIGKILL, then the process is started again once the other has taken over. */
        KILL,
        /** SIGSTOP, then SIGCONT once the other has taken over (or, if none does, after the wait for it). */
        PAUSE;

        public static Fault parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The election under test, with the settings the drill gives it and the lease they make. */
    public enum Mechanism {
        /** Clustered Quartz, check-in every second: an instance is taken for dead after 1 s + Quartz's 7.5 s. */
        QUARTZ(Duration.ofMillis(8_500)),
        /** File lock, heartbeat every second: stale after five heartbeats. */
        FILE(Duration.ofSeconds(5));

        private final Duration lease;

        Mechanism(Duration lease) {
            this.lease = lease;
        }

        public static Mechanism parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        /** How long the election lets a silent leader be before another takes over. */
        public Duration lease() {
            return lease;
        }

        Map<String, String> settings(Path work) {
            return Map.of("rebound.election", name().toLowerCase(Locale.ROOT),
                    "rebound.election.quartz.check-in", "PT1S",
                    "rebound.election.file.heartbeat", "PT1S",
                    "rebound.election.file.root", work.resolve("election").toAbsolutePath().toString());
        }
    }

    /**
     * @param faults      one per takeover, in order, spread over the drain
     * @param window      rebound.mailbox.window (smaller windows commit more often: a small mailbox drains slowly
     *                    enough to be hit mid-drain)
     * @param maxTakeover the longest a takeover may take (the floor: 15 s)
     */
    public record Plan(Path jar, Path work, BenchDatabase database, Mechanism mechanism, List<Fault> faults,
            int messages, int window, int pollDelayMillis, long seed, List<String> jvmOptions, Duration maxTakeover) {
    }

    /**
     * One takeover.
     *
     * @param recordedAt messages recorded when the fault came
     * @param leftInMailbox messages still in the mailbox then (none: the fault came after the drain)
     * @param toFirstPoll from the fault to the other instance's first login, empty when none came in the wait
     * @param overlap    the longest time both instances had a session open, from the fault to the next one
     */
    public record Takeover(int number, Fault fault, String from, String to, int recordedAt, int leftInMailbox,
            Optional<Duration> toFirstPoll, Duration overlap) {
    }

    /** The whole run. */
    public record Outcome(Mechanism mechanism, int messages, List<Takeover> takeovers, Duration longestOverlap,
            Duration drain, Recording recording, Duration maxTakeover) {

        public List<Check> checks() {
            List<Check> checks = new ArrayList<>(recording.checks());
            checks.add(new Check("every fault mid-drain", takeovers.stream()
                    .allMatch(t -> t.leftInMailbox() > 0 && t.recordedAt() < messages),
                    takeovers.stream().map(t -> t.recordedAt() + " recorded, " + t.leftInMailbox() + " in the mailbox")
                            .toList().toString()));
            Duration slowest = takeovers.stream().map(t -> t.toFirstPoll().orElse(Duration.ofDays(1)))
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            checks.add(new Check("every takeover within " + seconds(maxTakeover), slowest.compareTo(maxTakeover) <= 0,
                    takeovers.stream().map(t -> t.toFirstPoll().map(FailoverDrill::seconds).orElse("none"))
                            .toList().toString()));
            checks.add(new Check("two instances in the mailbox at once no longer than the lease ("
                    + seconds(mechanism.lease()) + ")", longestOverlap.compareTo(mechanism.lease()) <= 0,
                    "longest " + seconds(longestOverlap)));
            return checks;
        }

        public boolean passed() {
            return checks().stream().allMatch(Check::passed);
        }
    }

    private static final String POLICY = "dead-letter";
    private static final Duration WAIT_FOR_TAKEOVER = Duration.ofSeconds(60);

    private FailoverDrill() {
    }

    public static Outcome run(Plan plan, PrintStream out) throws Exception {
        BounceGenerator generator = BounceGenerator.fromDemoCorpus(plan.seed(), BounceGenerator.Mix.DEFAULT);
        DovecotMailbox dovecot = DovecotMailbox.start(plan.work().resolve("dovecot"));
        // The mail arrives once both instances run: the first to start would otherwise drain a small mailbox alone
        // before the other is up (it did, on a fast machine), and no fault would come mid-drain.
        dovecot.hold();
        out.printf("failover drill: %s, %,d messages, faults %s, Dovecot on port %d, %s%n",
                plan.mechanism().name().toLowerCase(Locale.ROOT), plan.messages(), plan.faults(), dovecot.port(),
                plan.database().name());
        try (DrainFixture fixture = DrainFixture.prepare(dovecot, plan.database(), plan.work(), generator,
                plan.messages(), 0);
             HikariDataSource db = plan.database().open()) {
            List<Member> members = List.of(new Member("a", "127.0.0.2", plan, fixture),
                    new Member("b", "127.0.0.3", plan, fixture));
            try {
                for (Member m : members) {
                    m.start();
                }
                for (Member m : members) {
                    m.awaitRunning();
                }
                dovecot.release();
                Instant began = Instant.now();
                List<Instant> faultTimes = new ArrayList<>();
                List<Takeover> takeovers = new ArrayList<>();
                for (int k = 0; k < plan.faults().size(); k++) {
                    Fault fault = plan.faults().get(k);
                    int target = plan.messages() * (k + 1) / (plan.faults().size() + 1);
                    int recorded = awaitRecorded(db, target, members);
                    Member leader = awaitSoleLeader(dovecot.log(), members);
                    int left = fixture.mailboxCount();
                    Instant at = Instant.now();
                    faultTimes.add(at);
                    if (fault == Fault.KILL) {
                        leader.process().kill();
                        // Started again at once: its start-up overlaps the election's lease, as a supervisor's
                        // restart would; it may even win the election.
                        leader.start();
                    } else {
                        leader.process().pause();
                    }
                    Optional<Pop3Sessions.Session> first = awaitLogin(dovecot.log(), at);
                    if (fault == Fault.PAUSE) {
                        leader.process().resume();
                    }
                    // Two instances running before the next fault.
                    leader.awaitRunning();
                    String to = first.map(s -> members.stream().filter(m -> m.address.equals(s.client()))
                            .findFirst().map(m -> m.name).orElse(s.client())).orElse("nobody");
                    Optional<Duration> toFirstPoll = first.map(s -> Duration.between(at, s.start()));
                    takeovers.add(new Takeover(k + 1, fault, leader.name, to, recorded, left, toFirstPoll,
                            Duration.ZERO));
                    out.printf("  %d. %s %s at %,d recorded: %s%n", k + 1, fault == Fault.KILL ? "kill -9" : "SIGSTOP",
                            leader.name, recorded, toFirstPoll.map(d -> to + " polled " + seconds(d) + " later")
                                    .orElse("no takeover within " + seconds(WAIT_FOR_TAKEOVER)));
                }
                awaitDrained(db, fixture, members);
                Duration drain = Duration.between(began, Instant.now());
                for (Member m : members) {
                    m.process().stop(30);
                }
                Instant end = Instant.now();
                List<Pop3Sessions.Overlap> overlaps = Pop3Sessions.read(dovecot.log()).overlaps(end);
                List<Takeover> measured = new ArrayList<>();
                for (int k = 0; k < takeovers.size(); k++) {
                    Instant from = faultTimes.get(k);
                    Instant to = k + 1 < faultTimes.size() ? faultTimes.get(k + 1) : end;
                    Duration longest = longest(overlaps.stream()
                            .filter(o -> !o.from().isBefore(from) && o.from().isBefore(to)).toList());
                    Takeover t = takeovers.get(k);
                    measured.add(new Takeover(t.number(), t.fault(), t.from(), t.to(), t.recordedAt(),
                            t.leftInMailbox(), t.toFirstPoll(), longest));
                }
                Recording recording = fixture.verifyRecorded(POLICY);
                Outcome outcome = new Outcome(plan.mechanism(), plan.messages(), measured, longest(overlaps), drain,
                        recording, plan.maxTakeover());
                print(outcome, out);
                return outcome;
            } finally {
                for (Member m : members) {
                    m.close();
                }
            }
        }
    }

    private static void print(Outcome o, PrintStream out) {
        out.printf("failover drill, %s election, %,d messages, drained in %s:%n",
                o.mechanism().name().toLowerCase(Locale.ROOT), o.messages(), seconds(o.drain()));
        for (Takeover t : o.takeovers()) {
            out.printf("  takeover %d: %-7s of %s at %,6d recorded (%,6d in the mailbox) -> %s's first poll after %s;"
                    + " both in the mailbox for %s%n", t.number(), t.fault() == Fault.KILL ? "kill -9" : "SIGSTOP",
                    t.from(), t.recordedAt(), t.leftInMailbox(), t.to(),
                    t.toFirstPoll().map(FailoverDrill::seconds).orElse("(none)"), seconds(t.overlap()));
        }
        Recording r = o.recording();
        out.printf("  lost %d, duplicated %d, unexpected %d, outbox unsent %d, mailbox left %d%n", r.lost(),
                r.duplicated(), r.unexpected(), r.unsentOutbox(), r.mailboxRemaining());
        o.checks().forEach(c -> out.printf("  %s %s: %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.detail()));
    }

    private static Duration longest(List<Pop3Sessions.Overlap> overlaps) {
        return overlaps.stream().map(Pop3Sessions.Overlap::length).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /** Waits until this many messages are recorded (received_message rows), and returns how many are. */
    private static int awaitRecorded(HikariDataSource db, int target, List<Member> members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            int recorded = recorded(db);
            if (recorded >= target) {
                return recorded;
            }
            requireAlive(members);
            Thread.sleep(20);
        }
        throw new IllegalStateException("fewer than " + target + " messages recorded after 10 minutes");
    }

    /** The member with the only POP3 session open now, by Dovecot's log. */
    private static Member awaitSoleLeader(Path log, List<Member> members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> open = Pop3Sessions.read(log).openClients();
            if (open.size() == 1) {
                for (Member m : members) {
                    if (m.address.equals(open.get(0))) {
                        return m;
                    }
                }
            }
            requireAlive(members);
            Thread.sleep(5);
        }
        throw new IllegalStateException("no single instance had a POP3 session open for 60 s");
    }

    /** The first session that began after the fault, by Dovecot's log: the new poller's first poll. */
    private static Optional<Pop3Sessions.Session> awaitLogin(Path log, Instant after) throws Exception {
        long deadline = System.nanoTime() + WAIT_FOR_TAKEOVER.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Pop3Sessions.Session> login = Pop3Sessions.read(log).firstLogin(after);
            if (login.isPresent()) {
                return login;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private static void awaitDrained(HikariDataSource db, DrainFixture fixture, List<Member> members)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int events = fixture.expected().events();
        while (System.nanoTime() < deadline) {
            if (fixture.mailboxCount() == 0 && BenchDatabase.storedEvents(db).orElse(-1) >= events
                    && unsentOutbox(db) == 0) {
                return;
            }
            requireAlive(members);
            Thread.sleep(100);
        }
    }

    private static void requireAlive(List<Member> members) {
        for (Member m : members) {
            if (!m.process().isAlive()) {
                throw new IllegalStateException("Rebound " + m.name + " stopped; see " + m.logDir);
            }
        }
    }

    private static int recorded(HikariDataSource db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM received_message");
    }

    private static int unsentOutbox(HikariDataSource db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
    }

    private static int count(HikariDataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** One Rebound instance of the two: its address, settings and folder; started again after a kill. */
    private static final class Member implements AutoCloseable {
        final String name;
        final String address;
        final Path logDir;
        private final Plan plan;
        private final Map<String, String> settings;
        private Optional<ReboundProcess> process = Optional.empty();

        Member(String name, String address, Plan plan, DrainFixture fixture) {
            this.name = name;
            this.address = address;
            this.plan = plan;
            this.logDir = plan.work().resolve("rebound-" + name);
            Map<String, String> s = new HashMap<>(fixture.settings(plan.pollDelayMillis(), POLICY));
            s.putAll(plan.mechanism().settings(plan.work()));
            // Straight to Dovecot, from this instance's own address, so that its log tells the instances apart.
            s.put("rebound.mailbox.port", Integer.toString(fixture.mailboxPort()));
            s.put("mail.pop3.localaddress", address);
            s.put("rebound.mailbox.window", Integer.toString(plan.window()));
            s.put("rebound.jms.embedded.port", Integer.toString(DemoMailbox.freePort()));
            s.put("rebound.jms.embedded.data-dir", plan.work().resolve("artemis-" + name).toString());
            this.settings = Map.copyOf(s);
        }

        void start() throws IOException {
            process = Optional.of(ReboundProcess.start(plan.jar(), plan.jvmOptions(), settings, logDir));
        }

        /** Waits until this life of the process has said it runs. */
        void awaitRunning() throws IOException, InterruptedException {
            process().awaitRunning(Duration.ofMinutes(3));
        }

        ReboundProcess process() {
            return process.orElseThrow();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isPresent()) {
                ReboundProcess p = process.get();
                if (p.isAlive()) {
                    try {
                        p.resume();
                    } catch (IOException e) {
                        // gone meanwhile
                    }
                }
                p.close();
            }
        }
    }
}

package org.rebound.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.rebound.app.UnreadablePathException;
import org.rebound.bench.BounceGenerator.Category;
import org.rebound.bench.ExpectedResults.Verdict;
import org.rebound.events.EventSubscriber;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load benchmark (issue 7): generates N realistic returned messages with their sent messages, loads them into
 * a POP3 server on loopback, runs the real jar against H2 or PostgreSQL until the mailbox is drained and every
 * event has reached the topic, prints the figures, and checks the result.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Drain N generated bounces through the real jar (POP3 -> database -> JMS topic), print the "
                + "figures and check the result; exit code 1 when a check fails.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres (default: ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--pop3-server", defaultValue = "dovecot",
            description = "dovecot (the Debian package dovecot-pop3d, started for the run) or greenmail (in this "
                    + "JVM, so its CPU shares the cores with Rebound's) (default: ${DEFAULT-VALUE}).")
    String pop3Server;

    @Option(names = "--jvm-opts", defaultValue = "", paramLabel = "OPTS",
            description = "JVM options of the Rebound process, space-separated, e.g. \"-Xmx512m\".")
    String jvmOpts;

    @Option(names = "--window", description = "rebound.mailbox.window for the run (default: application.properties).")
    Integer window;

    @Option(names = "--poll-delay", defaultValue = "100", paramLabel = "MS",
            description = "rebound.mailbox.poll-delay for the run (default: ${DEFAULT-VALUE}).")
    int pollDelay;

    @Option(names = "--non-bounce-policy", defaultValue = "dead-letter",
            description = "keep or dead-letter (default: ${DEFAULT-VALUE}).")
    String nonBouncePolicy;

    @Option(names = "--unbounced-per-message", defaultValue = "9", paramLabel = "N",
            description = "Sent messages that never bounced, per generated message, in the sending log "
                    + "(default: ${DEFAULT-VALUE}: 10 %% of the sent mail bounces).")
    int unbouncedPerMessage;

    @Mixin
    DrainOptions shared = new DrainOptions();

    @Option(names = "--work", defaultValue = "data/bench", description = "Folder for the run's files.")
    Path work;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Record a JFR profile of the Rebound process.")
    Path jfr;

    @Option(names = "--stall-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up when nothing moves for this long (default: ${DEFAULT-VALUE}).")
    int stallTimeout;

    @Option(names = "--live-heap",
            description = "Ask Rebound for a full GC when half the events are in and again at the end, and print the "
                    + "live heap after each: whether memory stays flat (each pauses Rebound for a moment).")
    boolean liveHeap;

    @Option(names = "--verbose", description = "Also print every POP3 session.")
    boolean verbose;

    @Option(names = "--settle", defaultValue = "2000", paramLabel = "MS",
            description = "Wait after the drain, before stopping Rebound (default: ${DEFAULT-VALUE}).")
    long settleMillis;

    @Option(names = "--no-baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After Rebound, deliver the same messages again (at most 10,000) and drain them with a bare "
                    + "POP3 client (RETR and DELE, no parsing) for Rebound's rate as a ratio of it (default: on).")
    boolean baseline;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "N",
            description = "0: rebound.workers.mode=inline (default). N >= 1: rebound.workers.mode=queue; the bench's "
                    + "Rebound polls the mailbox and works the queue, and N-1 more Rebound processes only work it "
                    + "(more than one needs --db postgres, which they share).")
    int workers;

    /** The embedded broker's publishing login during a run with workers: the other worker processes log in with it. */
    private static final String WORKER_BROKER_PASSWORD = "bench-workers";

    private final PrintStream out = System.out;

    /**
     * The bare client drains at most this many: Rebound's POP3 sessions hold no more
     * (rebound.mailbox.session-messages, 10,000 by default), and delivering 100,000 messages twice more took minutes.
     */
    private static final int BASELINE_MESSAGES = 10_000;

    /** The last this many messages of a long run give the rate of a Rebound already running (issue 7's 10,000). */
    private static final int RUNNING_RATE_MESSAGES = 10_000;

    @Override
    public Integer call() throws Exception {
        // GreenMail warns about every DSN it stores (it has no delivery-status type); the warnings say nothing here.
        Configurator.setLevel("com.icegreen.greenmail", Level.ERROR);
        // Before anything is generated: a jar that cannot be read would only show as a Rebound that never drains.
        UnreadablePathException.requireReadable(shared.jar);
        Path dir = work.resolve(db);
        BenchDatabase.deleteRecursively(dir);
        BenchDatabase database = switch (db) {
            case "h2" -> BenchDatabase.h2(dir.resolve("h2"));
            case "postgres" -> BenchDatabase.postgres(shared.postgresUrl, shared.postgresUser, "", "rebound_bench");
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--db must be h2 or postgres: " + db);
        };
        BenchMailbox mailbox = switch (pop3Server) {
            case "dovecot" -> DovecotMailbox.start(dir.resolve("dovecot"));
            case "greenmail" -> BenchMailbox.greenMail();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--pop3-server must be dovecot or greenmail: " + pop3Server);
        };
        BounceGenerator generator = BounceGenerator.fromDemoCorpus(shared.seed, BounceGenerator.Mix.DEFAULT);
        printTemplates(generator);
        long loadStart = System.nanoTime();
        try (DrainFixture fixture = DrainFixture.prepare(mailbox, database, dir, generator, shared.messages,
                unbouncedPerMessage)) {
            ExpectedResults expected = fixture.expected();
            out.printf("loaded %d messages into POP3 (%s) and %d sent messages into %s in %.1f s%n", shared.messages,
                    pop3Server, fixture.sentRows(), db, seconds(System.nanoTime() - loadStart));
            Map<String, String> settings = fixture.settings(pollDelay, nonBouncePolicy);
            if (window != null) {
                settings.put("rebound.mailbox.window", window.toString());
            }
            if (workers > 1 && !db.equals("postgres")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--workers " + workers + " needs --db postgres: the worker processes share the database");
            }
            if (workers > 0) {
                settings.put("rebound.workers.mode", "queue");
                settings.put("rebound.workers.enabled", "true");
                settings.put("rebound.jms.embedded.password", WORKER_BROKER_PASSWORD);
            }
            List<String> options = new ArrayList<>(Arrays.stream(jvmOpts.trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).toList());
            if (jfr != null) {
                options.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath());
            }
            long launched = System.nanoTime();
            try (ReboundProcess rebound = ReboundProcess.start(shared.jar, options, settings, dir.resolve("logs"))) {
                CompletableFuture<Double> cpuAtFirstPoll = cpuAtFirstPoll(rebound, fixture.tap());
                EventSubscriber subscriber = fixture.subscribe(rebound, Duration.ofSeconds(60));
                List<ReboundProcess> otherWorkers = startOtherWorkers(settings, options, dir.resolve("logs"));
                // The other workers stop with the run, whatever ends it (close() stops one still running).
                try (subscriber; AutoCloseable others = () -> {
                    for (ReboundProcess w : otherWorkers) {
                        w.close();
                    }
                }) {
                    long ready = System.nanoTime();
                    fixture.tap().open();
                    Drain drain = awaitDrain(fixture, subscriber, rebound, ready);
                    double cpu = rebound.cpuSeconds().orElse(Double.NaN);
                    Map<String, Double> cpuByThread = rebound.cpuSecondsByThread();
                    // The relay marks a batch sent just after publishing it: let that last commit land before the stop.
                    Thread.sleep(settleMillis);
                    // After the settle: the last POP3 worker, which ended with the drain, has been reaped by then.
                    double serverCpu = fixture.mailboxCpuSeconds().orElse(Double.NaN) - drain.serverCpuAtOpen();
                    if (liveHeap) {
                        collectGarbage(rebound);
                    }
                    double rss = rebound.peakResidentMib().orElse(Double.NaN);
                    List<Double> workerCpu = new ArrayList<>();
                    for (ReboundProcess w : otherWorkers) {
                        workerCpu.add(w.cpuSeconds().orElse(Double.NaN));
                        w.stop(30);
                    }
                    if (workers > 0) {
                        out.printf("workers: %d (this run's Rebound polls and works; %d more only work), CPU seconds "
                                + "of the others: %s%n", workers, workers - 1, workerCpu);
                    }
                    rebound.stop(30);
                    GcLog gc = GcLog.read(rebound.gcLog());
                    Verdict verdict = fixture.verify(DrainFixture.eventIds(List.of(subscriber)), nonBouncePolicy);
                    Optional<Duration> lastCommits = shared.messages >= 2 * RUNNING_RATE_MESSAGES
                            ? fixture.lastCommits(RUNNING_RATE_MESSAGES) : Optional.empty();
                    Optional<Baseline> bare = baseline ? Optional.of(drainBare(fixture, generator))
                            : Optional.empty();
                    print(fixture, drain, verdict, fixture.fetchToCommit(), lastCommits, gc, cpu, cpuByThread,
                            serverCpu, rss, seconds(ready - launched), launched, cpuAtFirstPoll.getNow(Double.NaN), bare);
                    return verdict.passed() && drain.completed() ? 0 : 1;
                }
            }
        }
    }

    /**
     * The worker processes besides the bench's Rebound (--workers N: N-1 of them), started once its embedded broker
     * is up: each connects to that broker over TCP with its publishing login, works the queue, relays the outbox,
     * and never reads the mailbox (Camel Main's auto-startup-exclude-pattern leaves the fetch route stopped).
     * Returns once each has started its routes.
     */
    private List<ReboundProcess> startOtherWorkers(Map<String, String> settings, List<String> options, Path logs)
            throws java.io.IOException, InterruptedException {
        List<ReboundProcess> started = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Map<String, String> worker = new java.util.HashMap<>(settings);
            worker.put("rebound.jms.embedded", "false");
            worker.put("rebound.jms.url", "tcp://127.0.0.1:" + settings.get("rebound.jms.embedded.port"));
            worker.put("rebound.jms.user", "rebound");
            worker.put("rebound.jms.password", WORKER_BROKER_PASSWORD);
            worker.put("camel.main.auto-startup-exclude-pattern", "fetch-bounces");
            worker.put("camel.management.port", Integer.toString(org.rebound.app.DemoMailbox.freePort()));
            worker.put("camel.server.port", Integer.toString(org.rebound.app.DemoMailbox.freePort()));
            Path log = logs.resolve("worker-" + i);
            started.add(ReboundProcess.start(shared.jar, options, worker, log));
            started.get(started.size() - 1).awaitRunning(Duration.ofSeconds(120));
        }
        return started;
    }

    /**
     * Rebound's CPU seconds when it first connects to the mailbox: its start-up's work, which a busy machine's
     * noise changes less than the start-up's wall time.
     */
    private static CompletableFuture<Double> cpuAtFirstPoll(ReboundProcess rebound, Pop3Tap tap) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                while (tap.firstConnectionNanos() == 0 && rebound.isAlive()) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return rebound.cpuSeconds().orElse(Double.NaN);
        });
    }

    /** The bare client's drains of the same messages: through the same relay as Rebound, and straight to the server. */
    record Baseline(BarePop3Drain.Result relayed, BarePop3Drain.Result direct) {
    }

    /**
     * The baseline, after Rebound has stopped (so it has the cores to itself, as Rebound had them but for the
     * relay): the same messages delivered again into the same server and drained by {@link BarePop3Drain} in this
     * JVM, first a few hundred to warm it up (its loop is compiled within them), then all of them (the first
     * {@link #BASELINE_MESSAGES}), timed.
     */
    private Baseline drainBare(DrainFixture fixture, BounceGenerator generator) throws Exception {
        int warmUp = Math.min(500, shared.messages);
        fixture.deliverAgain(generator, warmUp);
        BarePop3Drain.drain(fixture.mailboxPort(), fixture.mailboxUser(), fixture.mailboxPassword());
        int count = Math.min(shared.messages, BASELINE_MESSAGES);
        fixture.deliverAgain(generator, count);
        BarePop3Drain.Result relayed;
        try (Pop3Tap relay = new Pop3Tap(fixture.mailboxPort())) {
            relay.open();
            relayed = BarePop3Drain.drain(relay.port(), fixture.mailboxUser(), fixture.mailboxPassword());
        }
        fixture.deliverAgain(generator, count);
        BarePop3Drain.Result direct = BarePop3Drain.drain(fixture.mailboxPort(), fixture.mailboxUser(),
                fixture.mailboxPassword());
        return new Baseline(relayed, direct);
    }

    /**
     * How the drain went, from the moment the mailbox opened to Rebound: Rebound's CPU seconds at its first fetch,
     * the POP3 server's when the mailbox opened (NaN where unknown), and this JVM's CPU during the drain.
     */
    record Drain(boolean completed, long startNanos, long endNanos, long firstFetchNanos, double cpuAtFirstFetch,
                 double serverCpuAtOpen, double harnessCpu) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private Drain awaitDrain(DrainFixture fixture, EventSubscriber events, ReboundProcess rebound, long start)
            throws InterruptedException {
        int mailboxExpected = fixture.mailboxExpected(nonBouncePolicy);
        int eventsExpected = fixture.expected().events();
        long lastChange = start;
        long lastReport = start;
        long lastCount = 0;
        int left = -1;
        int lastLeft = -1;
        int lastEvents = -1;
        double cpuAtFirstFetch = Double.NaN;
        // Read before the first session, when no POP3 worker is alive whose time could be counted twice.
        double serverCpuAtOpen = fixture.mailboxCpuSeconds().orElse(Double.NaN);
        boolean halfWayCollected = false;
        double harnessCpuAtOpen = harnessCpuSeconds();
        while (true) {
            long now = System.nanoTime();
            if (Double.isNaN(cpuAtFirstFetch) && fixture.tap().firstFetchNanos() != 0) {
                cpuAtFirstFetch = rebound.cpuSeconds().orElse(Double.NaN);
            }
            int received = events.count();
            if (liveHeap && !halfWayCollected && received >= eventsExpected / 2) {
                halfWayCollected = true;
                collectGarbage(rebound);
            }
            // Counting a mailbox of thousands costs CPU on the cores Rebound uses: once a second, or when the
            // events are all in and only the mailbox can be missing.
            if (received >= eventsExpected || now - lastCount > 1_000_000_000L) {
                left = fixture.mailboxCount();
                lastCount = now;
            }
            if (left != lastLeft || received != lastEvents) {
                lastChange = now;
                lastLeft = left;
                lastEvents = received;
            }
            if (left == mailboxExpected && received >= eventsExpected) {
                return new Drain(true, start, now, fixture.tap().firstFetchNanos(), cpuAtFirstFetch,
                        serverCpuAtOpen, harnessCpuSeconds() - harnessCpuAtOpen);
            }
            if (!rebound.isAlive() || now - lastChange > stallTimeout * 1_000_000_000L) {
                out.println(rebound.isAlive() ? "STALLED: nothing moved for " + stallTimeout + " s"
                        : "Rebound exited");
                return new Drain(false, start, lastChange, fixture.tap().firstFetchNanos(), cpuAtFirstFetch,
                        serverCpuAtOpen, harnessCpuSeconds() - harnessCpuAtOpen);
            }
            if (now - lastReport > 5_000_000_000L) {
                lastReport = now;
                out.printf("  %6.1f s: %d of %d messages left, %d of %d events received%n", seconds(now - start),
                        left, fixture.expected().messages(), received, eventsExpected);
            }
            Thread.sleep(20);
        }
    }

    /** This JVM's CPU: the relay in front of the POP3 server, the topic's subscriber, the polling (and GreenMail). */
    private static double harnessCpuSeconds() {
        return ReboundProcess.cpuSecondsOf(ProcessHandle.current().pid(), false).orElse(Double.NaN);
    }

    private void collectGarbage(ReboundProcess rebound) {
        try {
            rebound.collectGarbage();
        } catch (java.io.IOException e) {
            out.println("no full GC: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printTemplates(BounceGenerator generator) {
        out.println("templates (real bounces from src/main/resources/demo, checked with this build's parser):");
        for (Map.Entry<Category, List<String>> e : generator.templates().entrySet()) {
            out.printf("  %-24s %3d%n", e.getKey().name().toLowerCase(), e.getValue().size());
        }
        out.printf("  %-24s %3d%n", "set aside", generator.rejected().size());
    }

    private static String topThreads(Map<String, Double> cpuByThread, int n) {
        return cpuByThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(n).map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void print(DrainFixture fixture, Drain drain, Verdict verdict, Latencies fetchToCommit,
                       Optional<Duration> lastCommits, GcLog gc,
                       double cpu, Map<String, Double> cpuByThread, double serverCpu, double rss,
                       double startup, long launched, double cpuAtFirstPoll, Optional<Baseline> bare) {
        ExpectedResults expected = fixture.expected();
        Pop3Tap tap = fixture.tap();
        out.println();
        out.printf("Rebound bench: %s, POP3 server %s, %s, JVM options [%s], seed %d, non-bounce policy %s%n", db,
                pop3Server, drain.completed() ? "drained" : "NOT DRAINED", jvmOpts, shared.seed, nonBouncePolicy);
        row("machine load average (1, 5, 15 min), cores", "%s, %d", loadAverage(),
                Runtime.getRuntime().availableProcessors());
        row("N (messages in the mailbox)", "%d", expected.messages());
        row("  bounces (report on recipients)", "%d", expected.bounces());
        row("  recipient results (events expected)", "%d", expected.events());
        row("Rebound start-up to broker ready", "%.2f s", startup);
        // The first poll connects to the tap even while it holds the session closed for the subscriber.
        row("Rebound start-up to the first poll", "%s", tap.firstConnectionNanos() == 0 ? "no poll"
                : String.format(java.util.Locale.ROOT, "%.2f s (%.1f CPU seconds)",
                        (tap.firstConnectionNanos() - launched) / 1e9, cpuAtFirstPoll));
        // Rebound's start-up goes on after its broker accepts the subscriber (routes, first poll): the drain is
        // timed from the first RETR.
        double wall = drain.firstFetchNanos() > 0 ? (drain.endNanos() - drain.firstFetchNanos()) / 1e9 : Double.NaN;
        row("wall time, first fetch to drained+published", "%.2f s", wall);
        row("  from the broker ready (incl. the rest of start-up)", "%.2f s", drain.seconds());
        row("bounces per second (N / wall)", "%.0f", expected.messages() / wall);
        row("events per second (published / wall)", "%.0f", verdict.publishedUnique() / wall);
        if (bare.isPresent()) {
            BarePop3Drain.Result relayed = bare.get().relayed();
            BarePop3Drain.Result direct = bare.get().direct();
            row("bare client, RETR+DELE, through the relay", "%.2f s, %.0f a second (%d messages, %.0f MiB)",
                    relayed.elapsed().toNanos() / 1e9, relayed.perSecond(), relayed.messages(),
                    relayed.bytes() / 1048576.0);
            row("bare client, RETR+DELE, straight to the server", "%.2f s, %.0f a second",
                    direct.elapsed().toNanos() / 1e9, direct.perSecond());
            row("Rebound / bare client (through the relay)", "%.2f", expected.messages() / wall / relayed.perSecond());
            row("Rebound / bare client (straight)", "%.2f", expected.messages() / wall / direct.perSecond());
        }
        if (lastCommits.isPresent()) {
            double span = lastCommits.get().toNanos() / 1e9;
            row("last " + RUNNING_RATE_MESSAGES + " messages, commit to commit", "%.2f s (%.0f a second: the "
                    + "running rate, past start-up and JIT warm-up)", span, RUNNING_RATE_MESSAGES / span);
        }
        row("fetch to commit p50 / p99 (Rebound's record)", "%d / %d ms", fetchToCommit.percentile(50).toMillis(),
                fetchToCommit.percentile(99).toMillis());
        row("  messages timed", "%d", fetchToCommit.count());
        // POP3 deletes at the end of the session (RFC 1939 section 6), so this includes the wait for the session's end.
        row("fetch to mailbox delete p50 / p99 (RETR to DELE)", "%d / %d ms",
                tap.latencies().percentile(50).toMillis(), tap.latencies().percentile(99).toMillis());
        row("  messages timed", "%d", tap.latencies().count());
        row("peak heap in use (GC log)", "%d MiB", gc.peakMib());
        double runStart = gc.collections().isEmpty() ? 0 : gc.collections().get(0).uptimeSeconds();
        double runEnd = gc.collections().isEmpty() ? 0 : gc.collections().get(gc.collections().size() - 1)
                .uptimeSeconds();
        double quarter = (runEnd - runStart) / 4;
        row("live heap after GC, 2nd / last quarter", "%.0f / %.0f MiB",
                gc.meanLiveMibFrom(runStart + quarter, runStart + 2 * quarter),
                gc.meanLiveMibFrom(runEnd - quarter, runEnd + 1));
        row("  collections", "%d", gc.collections().size());
        if (liveHeap) {
            row("live heap after a full GC, half-way / end", "%s MiB", gc.liveMibAfterFullCollections().stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(" / ")));
        }
        row("peak resident memory (VmHWM)", "%.0f MiB", rss);
        row("CPU seconds of Rebound (user+sys), total", "%.1f s", cpu);
        double drainCpu = cpu - drain.cpuAtFirstFetch();
        row("  from the first fetch on", "%.1f s (%.2f ms a message)", drainCpu,
                drainCpu * 1000 / expected.messages());
        row("  by thread (whole run, top 8)", "%s", topThreads(cpuByThread, 8));
        row("CPU seconds of the POP3 server during the drain", "%s",
                Double.isNaN(serverCpu) ? "not measured (" + pop3Server + " runs in this JVM)"
                        : String.format(java.util.Locale.ROOT, "%.1f s (%s)", serverCpu, pop3Server));
        row("CPU seconds of this bench's JVM during the drain", "%.1f s (POP3 relay, topic subscriber%s)",
                drain.harnessCpu(), pop3Server.equals("greenmail") ? ", GreenMail" : "");
        row("POP3 sessions", "%d", tap.sessions());
        row("POP3 commands", "%s", tap.commandCounts());
        if (verbose) {
            out.println("  POP3 sessions (RETR/DELE/ms):");
            tap.finishedSessions().forEach(x -> out.printf("    %d/%d/%d%n", x.retrieved(), x.deleted(), x.millis()));
        }
        out.println("checks:");
        for (Verdict.Check c : verdict.checks()) {
            out.printf("  %s  %-36s %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.detail());
        }
        out.printf("  %s  %-36s %s%n", drain.completed() ? "PASS" : "FAIL", "drained in time",
                drain.completed() ? "" : "stalled or exited");
    }

    /** Other processes share this machine's cores: the figures mean little when it is busy. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void row(String label, String format, Object... values) {
        out.printf("  %-48s %s%n", label, String.format(format, values));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

package org.rebound.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.rebound.access.BasicLogin;
import org.rebound.classify.Classifier;
import org.rebound.classify.ReloadingRuleBook;
import org.rebound.classify.RuleBookException;
import org.rebound.classify.RuleBookLoader;
import org.rebound.classify.RuleFiles;
import org.rebound.console.ConsoleMBeans;
import org.rebound.correlate.CorrelationSettings;
import org.rebound.correlate.Correlator;
import org.rebound.correlate.SentMessageLookup;
import org.rebound.correlate.SentMessageTable;
import org.rebound.dashboard.DashboardData;
import org.rebound.dashboard.DashboardFiles;
import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.events.BrokerLogin;
import org.rebound.events.BrokerPublishing;
import org.rebound.events.EmbeddedBroker;
import org.rebound.events.Outbox;
import org.rebound.events.OutboxClaimant;
import org.rebound.events.OutboxBatches;
import org.rebound.events.WorkQueueAddresses;
import org.rebound.health.BrokerHealthCheck;
import org.rebound.health.DatabaseHealthCheck;
import org.rebound.health.PollPacer;
import org.rebound.health.StuckWindowWatch;
import org.rebound.health.MailboxHealthCheck;
import org.rebound.mailbox.KeptMessages;
import org.rebound.mailbox.MailboxAccount;
import org.rebound.mailbox.MailboxWindowComponent;
import org.rebound.mailbox.WindowReading;
import org.rebound.mailbox.WindowLimits;
import org.rebound.metrics.OutboxGauges;
import org.rebound.metrics.PipelineMeters;
import org.rebound.metrics.ReputationGauges;
import org.rebound.pipeline.NonBouncePolicy;
import org.rebound.pipeline.MessageUnderstanding;
import org.rebound.pipeline.RecipientClassifier;
import org.rebound.pipeline.DispositionPolicy;
import org.rebound.pipeline.DrainProgress;
import org.rebound.pipeline.EventCorrelator;
import org.rebound.pipeline.MailForwarder;
import org.rebound.pipeline.PoisonIsolation;
import org.rebound.pipeline.StuckMessages;
import org.rebound.pipeline.UnderstandingAhead;
import org.rebound.pipeline.UnmatchedPolicy;
import org.rebound.pipeline.WindowIntake;
import org.rebound.provider.ReceivingProviders;
import org.rebound.quarantine.QuarantinePolicy;
import org.rebound.quarantine.QuarantineSettings;
import org.rebound.report.BounceReports;
import org.rebound.reputation.ReputationAlerts;
import org.rebound.reputation.Thresholds;
import org.rebound.store.AddressRegister;
import org.rebound.store.BounceStore;
import org.rebound.store.Database;
import org.rebound.store.ReceivedMessages;
import org.rebound.workers.QueuedWindows;
import org.rebound.workers.UndeliverableMessages;
import org.rebound.workers.WindowHandOver;
import org.rebound.workers.WorkersMode;

/**
 * Rebound's process: the database, the broker (embedded or external), and Camel Main running the YAML routes
 * from routes/ with the beans they call. Every setting is read and checked before anything starts, so a wrong one
 * stops start-up with a message that names its key.
 */
public final class ReboundServer implements AutoCloseable {

    private final Main main = new Main();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final HikariDataSource dataSource;
    private final ConnectionFactory jmsConnectionFactory;
    private final SentMessageLookup lookup;
    /** Rebound's own MBeans, given the running Camel context (they find the mailboxes by their routes). */
    private final Function<CamelContext, ConsoleMBeans.Parts> consoleParts;

    private ReboundServer(Settings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        // Read every setting first: a wrong value must stop start-up before anything is opened.
        NonBouncePolicy nonBounce = settings.choice("rebound.non-bounce.policy", NonBouncePolicy.class,
                NonBouncePolicy::parse);
        MailForwarder forwarder = new MailForwarder(new MailForwarder.Smtp(settings.text("rebound.smtp.host"),
                settings.integer("rebound.smtp.port", 1, 65535), settings.optionalText("rebound.smtp.user"),
                settings.optionalText("rebound.smtp.password"), settings.text("rebound.smtp.from"),
                nonBounce == NonBouncePolicy.FORWARD ? settings.text("rebound.non-bounce.forward-to")
                        : settings.optionalText("rebound.non-bounce.forward-to"),
                settings.choice("rebound.smtp.security", MailForwarder.Security.class, MailForwarder.Security::parse),
                TrustStoreFiles.socketFactory(settings, "rebound.smtp.trust-store",
                        "rebound.smtp.trust-store-password")));
        UnmatchedPolicy unmatched = settings.choice("rebound.correlation.unmatched", UnmatchedPolicy.class,
                UnmatchedPolicy::parse);
        UnmatchedPolicy unproven = settings.choice("rebound.correlation.unproven", UnmatchedPolicy.class,
                UnmatchedPolicy::parse);
        Map<String, MailboxAccount> mailboxes = MailboxSettings.accounts(settings);
        ElectionSettings election = ElectionSettings.of(settings);
        WindowLimits window = MailboxSettings.window(settings);
        int sessionMessages = MailboxSettings.sessionMessages(settings);
        CorrelationSettings correlation = settings.parsed(CorrelationSettings::fromProperties);
        SentMessageTable sentTable = settings.parsed(SentMessageTable::fromProperties);
        QuarantinePolicy quarantine = quarantinePolicy(settings);
        boolean updateSentStatus = settings.bool(SentMessageTable.UPDATE_STATUS);
        Path deadLetterDir = settings.path("rebound.dead-letter.dir");
        boolean embeddedBroker = settings.bool("rebound.jms.embedded");
        int parsingSetting = settings.integer("rebound.parsing.threads", 0, 256);
        int parsingThreads = parsingSetting == 0 ? Runtime.getRuntime().availableProcessors() : parsingSetting;
        int maxRecipients = settings.integer("rebound.parsing.max-recipients", 1, 1_000_000);
        // One registry for Camel's route metrics and Rebound's own, served at /observe/metrics (Camel's
        // micrometer-prometheus looks it up by this name, and creates its own only when none is bound).
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReceivingProviders providers = receivingProviders(settings);
        PipelineMeters meters = new PipelineMeters(metrics, providers, clock);
        Classifier classifier = classifier(settings, meters::ruleBookReloaded);
        settings.integer("rebound.outbox.poll-period", 10, 3_600_000);
        int outboxBatch = settings.integer("rebound.outbox.batch-size", 1, 10_000);
        Duration outboxLease = settings.duration("rebound.outbox.claim-lease", Duration.ofSeconds(1));
        Duration pollDelay = Duration.ofMillis(settings.integer("rebound.mailbox.poll-delay", 10, 86_400_000));
        Duration backoffMax = settings.duration("rebound.mailbox.backoff-max");
        Duration windowStuckAfter = MailboxSettings.windowStuckAfter(settings);
        settings.text("rebound.jms.topic");
        requireFreePort(settings, "camel.management", "health endpoint");
        requireFreePort(settings, "camel.server", "HTTP API and dashboard");
        BasicLogin apiLogin = apiLogin(settings);
        Thresholds thresholds = thresholds(settings);
        settings.integer("rebound.reputation.check-period", 100, 86_400_000);
        settings.text("rebound.reputation.alert-topic");
        requireLogin(settings);
        WorkersMode workersMode = settings.choice("rebound.workers.mode", WorkersMode.class, WorkersMode::parse);
        boolean worker = settings.bool("rebound.workers.enabled");
        String workQueue = settings.text("rebound.workers.queue");
        WorkQueueAddresses workQueueAddresses = new WorkQueueAddresses(workQueue,
                settings.text("rebound.workers.dead-letter-queue"));
        if (worker && workersMode == WorkersMode.INLINE) {
            throw new SettingsException("rebound.workers.enabled", "false, or rebound.workers.mode=queue (in inline "
                    + "mode there is no work queue)", "true");
        }
        if (workersMode == WorkersMode.QUEUE && nonBounce == NonBouncePolicy.KEEP) {
            throw new SettingsException("rebound.non-bounce.policy", "forward or dead-letter with "
                    + "rebound.workers.mode=queue (a message on the work queue has left the mailbox, so it cannot be "
                    + "kept there)", "keep");
        }

        try {
            ConnectionFactory jms;
            if (embeddedBroker) {
                BrokerLogin publisher = brokerLogin(settings, "rebound.jms.embedded.user",
                        "rebound.jms.embedded.password").orElseGet(() -> BrokerLogin.withRandomPassword(
                                settings.text("rebound.jms.embedded.user")));
                String host = settings.text("rebound.jms.embedded.host");
                int port = settings.integer("rebound.jms.embedded.port", 1, 65535);
                String dataDir = settings.text("rebound.jms.embedded.data-dir");
                Optional<BrokerLogin> subscriber = brokerLogin(settings, "rebound.jms.embedded.subscriber-user",
                        "rebound.jms.embedded.subscriber-password");
                // The broker starts (about a second: Artemis's journal and acceptors) while the database opens and
                // migrates on this thread (issue 17: start-up to the first poll).
                FutureTask<EmbeddedBroker> starting = new FutureTask<>(
                        () -> new EmbeddedBroker(host, port, dataDir, workQueueAddresses, publisher, subscriber));
                new Thread(starting, "rebound-broker-start").start();
                resources.push(() -> started(starting).close());
                jms = new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, publisher.user(), publisher.password());
                dataSource = openDatabase(settings);
                resources.push(dataSource);
                started(starting);
            } else {
                dataSource = openDatabase(settings);
                resources.push(dataSource);
                jms = new ActiveMQConnectionFactory(settings.text("rebound.jms.url"),
                        settings.optionalText("rebound.jms.user"), settings.optionalText("rebound.jms.password"));
            }
            StartupProbe.requireSentMessageTable(dataSource, sentTable, updateSentStatus);
            jmsConnectionFactory = jms;
            main.bind("dataSource", dataSource);
            main.bind("metricsRegistry", metrics);
            main.bind("pipelineMeters", meters);
            ExecutorService parsingPool = parsingPool(parsingThreads);
            resources.push(parsingPool::shutdownNow);
            DrainProgress progress = DrainProgress.start(clock, Duration.ofSeconds(5));
            resources.push(progress);
            main.bind("drainProgress", progress);
            ReceivedMessages received = new ReceivedMessages(dataSource);
            StuckMessages stuck = new StuckMessages(clock, backoffMax);
            main.bind("windowIntake", new WindowIntake(received, stuck));
            KeptMessages kept = KeptMessages.of(received.keptMailboxUids());
            ExecutorService aheadPool = understandAheadPool(parsingThreads);
            resources.push(aheadPool::shutdownNow);
            UnderstandingAhead understanding = new UnderstandingAhead(new MessageUnderstanding(
                    new ReportParser(window.messageBytes(), maxRecipients),
                    new RecipientClassifier(classifier, clock)), aheadPool);
            // The routes' mailbox: endpoints (camel-mail's endpoint, read a window at a time); one route per mailbox.
            // Which of several instances polls each mailbox (rebound.election; none for a single instance).
            main.bind(MailboxWindowComponent.SCHEME, new MailboxWindowComponent(mailboxes, new WindowReading(window,
                    sessionMessages, kept, nonBounce == NonBouncePolicy.KEEP, understanding::downloaded),
                    election.create(dataSource, Database.isPostgres(settings.text("rebound.db.url")),
                            List.copyOf(mailboxes.keySet()))));
            main.bind("parsingPool", parsingPool);
            main.bind("messageUnderstanding", understanding);
            lookup = new SentMessageLookup(dataSource, sentTable, correlation.recipientTimeWindow());
            Correlator correlator = settings.parsed(p -> new Correlator(correlation, lookup));
            main.bind("eventCorrelator", new EventCorrelator(correlator));
            main.bind("dispositionPolicy", new DispositionPolicy(nonBounce, unmatched, unproven));
            main.bind("mailForwarder", forwarder);
            DeadLetterFolder deadLetters = new DeadLetterFolder(deadLetterDir, clock, Version.current());
            main.bind("deadLetterFolder", deadLetters);
            main.bind("poisonIsolation", new PoisonIsolation(() -> DatabaseHealthCheck.answers(dataSource),
                    deadLetters, received, stuck));
            main.bind("apiLogin", apiLogin);
            AddressRegister addresses = new AddressRegister(dataSource, clock, quarantine, meters::transitions);
            main.bind("addressRegister", addresses);
            BounceReports reports = new BounceReports(dataSource, sentTable);
            main.bind("bounceReports", reports);
            main.bind("bounceStore", new BounceStore(dataSource, clock, quarantine,
                    updateSentStatus ? Optional.of(sentTable) : Optional.empty(), providers, meters::transitions));
            Outbox outbox = new Outbox(dataSource, clock, OutboxClaimant.thisProcess(), outboxLease);
            // Before the relay route starts: what a killed process of this host had claimed goes out first.
            outbox.releaseAbandonedClaims();
            OutboxGauges.register(metrics, outbox);
            ReputationAlerts reputation = new ReputationAlerts(dataSource, clock, thresholds, sentTable, providers,
                    OutboxClaimant.thisProcess().name(), outboxLease);
            main.bind("reputationAlerts", reputation);
            main.bind("dashboardData", new DashboardData(reports, reputation, outbox, deadLetters, meters,
                    List.copyOf(mailboxes.keySet()), clock));
            main.bind("dashboardFiles", new DashboardFiles());
            main.bind("reputationGauges", new ReputationGauges(metrics, thresholds.minSent()));
            // The publishing route (routes/publish-events.camel.yaml) claims and marks batches through this bean
            // and sends them with camel-jms on the broker, one transaction per batch.
            OutboxBatches batches = new OutboxBatches(outbox, outboxBatch);
            resources.push(batches);
            main.bind("outboxBatches", batches);
            BrokerPublishing publishing = new BrokerPublishing(jms);
            resources.push(publishing);
            publishing.bindTo(main::bind);
            // The work queue (routes/work-queue.camel.yaml): the poller's hand-over, and this instance's worker.
            WindowHandOver handOver = new WindowHandOver(jms, workQueue);
            resources.push(handOver);
            main.bind("windowHandOver", handOver);
            QueuedWindows queued = new QueuedWindows(jms, workQueue, window,
                    () -> DatabaseHealthCheck.answers(dataSource));
            resources.push(queued);
            main.bind("queuedWindows", queued);
            main.bind("undeliverableMessages", new UndeliverableMessages(deadLetters, received));
            PollPacer pacer = new PollPacer(clock, pollDelay, backoffMax, windowStuckAfter);
            resources.push(StuckWindowWatch.start(pacer, 30));
            main.bind("pollPacer", pacer);
            consoleParts = camel -> new ConsoleMBeans.Parts(camel, pacer, meters, addresses, outbox, reports, clock);
            main.bind("databaseHealth", new DatabaseHealthCheck(dataSource));
            main.bind("brokerHealth", new BrokerHealthCheck(jms, outbox));
            main.bind("pipelineHealth", new MailboxHealthCheck(pacer, stuck));
            main.setOverrideProperties(camelProperties(settings));
        } catch (Exception | Error e) {
            closeResources();
            throw e;
        }
    }

    /** The broker once it has started, or the exception that stopped it. */
    private static EmbeddedBroker started(FutureTask<EmbeddedBroker> starting) throws Exception {
        try {
            return starting.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Starts Rebound and returns once the routes are running. */
    public static ReboundServer start(Settings settings) throws Exception {
        ReboundServer server = new ReboundServer(settings);
        try {
            server.main.start();
            server.resources.push(ConsoleMBeans.register(server.consoleParts.apply(server.camelContext())));
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void awaitShutdown() throws InterruptedException {
        Thread stopper = new Thread(this::closeQuietly, "rebound-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread.currentThread().join();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** A connection factory to the broker the events go to, for subscribers in this process. */
    public ConnectionFactory jmsConnectionFactory() {
        return jmsConnectionFactory;
    }

    /** How many correlation lookup queries have run since start. */
    public long correlationQueries() {
        return lookup.queries();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** The database of rebound.db.*, its schema migrated. */
    static HikariDataSource openDatabase(Settings settings) {
        String url = settings.text("rebound.db.url");
        HikariDataSource db;
        try {
            db = Database.open(url, settings.optionalText("rebound.db.user"),
                    settings.optionalText("rebound.db.password"), settings.integer("rebound.db.pool-size", 1, 200),
                    settings.duration("rebound.db.connect-timeout"));
        } catch (HikariPool.PoolInitializationException e) {
            throw StartupProbe.unreachableDatabase(url, e);
        }
        try {
            Database.migrate(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    static QuarantinePolicy quarantinePolicy(Settings settings) {
        return new QuarantinePolicy(settings.parsed(QuarantineSettings::fromProperties));
    }

    /** The rule book, re-read within a second of an edit; a broken one stops start-up, naming file and line. */
    static Classifier classifier(Settings settings) {
        return classifier(settings, loaded -> { });
    }

    private static Classifier classifier(Settings settings, ReloadingRuleBook.Listener reloads) {
        RuleFiles files = new RuleFiles(settings.path("rebound.rules.dir"), settings.path("rebound.rules.local-dir"));
        try {
            return new Classifier(new ReloadingRuleBook(files, new RuleBookLoader(), Duration.ofSeconds(1),
                    reloads));
        } catch (RuleBookException e) {
            throw new SettingsException("rule book: " + e.getMessage());
        }
    }

    /** The reputation alerts' window and thresholds (rebound.reputation.*), the rates given in percent. */
    static Thresholds thresholds(Settings settings) {
        String p = Thresholds.PREFIX;
        try {
            return new Thresholds(settings.duration(p + "window", Duration.ofMinutes(1)),
                    settings.integer(p + "min-sent", 1, 100_000_000),
                    settings.decimal(p + "bounce-warning-percent", 0.001, 100) / 100,
                    settings.decimal(p + "bounce-critical-percent", 0.001, 100) / 100,
                    settings.decimal(p + "complaint-warning-percent", 0.001, 100) / 100,
                    settings.decimal(p + "complaint-critical-percent", 0.001, 100) / 100);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("setting " + e.getMessage());
        }
    }

    /** The receiving providers' table beside the rule book; a broken one stops start-up, naming the file. */
    static ReceivingProviders receivingProviders(Settings settings) {
        try {
            return ReceivingProviders.of(settings.path("rebound.rules.dir"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SettingsException("receiving providers: " + e.getMessage());
        }
    }

    /**
     * The settings as Camel Main reads them. An empty camel.* key means "not set" here, as for Rebound's own keys;
     * Camel would refuse some of them empty (camel.management.basic-properties-file).
     */
    private static Properties camelProperties(Settings settings) {
        Properties all = settings.asProperties();
        all.entrySet().removeIf(e -> e.getKey().toString().startsWith("camel.") && e.getValue().toString().isBlank());
        return all;
    }

    /** A login of the embedded broker, when its password is set (from the environment). */
    private static Optional<BrokerLogin> brokerLogin(Settings settings, String userKey, String passwordKey) {
        String password = settings.optionalText(passwordKey);
        return password.isEmpty() ? Optional.empty()
                : Optional.of(new BrokerLogin(settings.text(userKey), password));
    }

    /**
     * The HTTP endpoints tell the pipeline's state, and the API and dashboard show addresses: on loopback by default,
     * and on any other address only behind a login (Camel's embedded servers: basic authentication from a properties
     * file). Jolokia, which operates (stops routes, releases addresses), is always behind one, even on loopback,
     * where any local user could reach it.
     */
    private static void requireLogin(Settings settings) {
        if (on(settings, "camel.management.enabled")) {
            boolean login = hasLogin(settings, "camel.management");
            if (on(settings, "camel.management.jolokia-enabled") && !login) {
                throw new SettingsException("camel.management.jolokia-enabled", "false, or "
                        + "camel.management.authentication-enabled=true with camel.management.basic-properties-file",
                        "true without a login");
            }
            requireLoginOffLoopback(settings, "camel.management", login);
        }
        if (on(settings, "camel.server.enabled")) {
            requireLoginOffLoopback(settings, "camel.server", hasLogin(settings, "camel.server"));
        }
    }

    private static void requireLoginOffLoopback(Settings settings, String prefix, boolean login) {
        String host = settings.text(prefix + ".host");
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new SettingsException(prefix + ".host", "an address of this machine", host
                    + ", which does not resolve");
        }
        if (!loopback && !login) {
            String enabled = settings.optionalText(prefix + ".authentication-enabled");
            throw new SettingsException(prefix + ".authentication-enabled", "true, with " + prefix
                    + ".basic-properties-file naming the users, since " + prefix + ".host (" + host
                    + ") is not loopback", enabled.isEmpty() ? "nothing" : enabled);
        }
    }

    private static boolean hasLogin(Settings settings, String prefix) {
        return on(settings, prefix + ".authentication-enabled")
                && !settings.optionalText(prefix + ".basic-properties-file").isEmpty();
    }

    /** Whether a true/false setting is true (Camel's own keys, which may be absent). */
    static boolean on(Settings settings, String key) {
        return settings.optionalText(key).equalsIgnoreCase("true");
    }

    /**
     * An HTTP server's port must be free (camel.management.*, the health endpoint; camel.server.*, the API and the
     * dashboard): Camel only logs a failed bind and runs on without it, and an orchestrator probing the health would
     * then restart a Rebound that works.
     */
    private static void requireFreePort(Settings settings, String prefix, String what) {
        if (!on(settings, prefix + ".enabled")) {
            return;
        }
        String host = settings.text(prefix + ".host");
        int port = settings.integer(prefix + ".port", 1, 65535);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new SettingsException(prefix + ".port", "a port free on " + host + " for the " + what, port
                    + ", which cannot be bound (" + e.getMessage() + ")");
        }
    }

    /**
     * The users whose login the API's state-changing calls ask for: the management server's
     * (camel.management.basic-properties-file). Without that file, no such call is accepted.
     */
    private static BasicLogin apiLogin(Settings settings) {
        String file = settings.optionalText("camel.management.basic-properties-file");
        if (file.isEmpty()) {
            return BasicLogin.nobody();
        }
        try {
            return BasicLogin.fromFile(Path.of(file));
        } catch (IOException e) {
            throw new SettingsException("camel.management.basic-properties-file", "a readable file of users",
                    file + " (" + e.getMessage() + ")");
        }
    }

    /** A bounded pool: when every thread is busy and the queue full, the caller parses, which slows the fetch. */
    private static ExecutorService parsingPool(int n) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(n * 64),
                r -> new Thread(r, "rebound-parse-" + count.incrementAndGet()),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * The threads that understand a window while the one before is recorded (UnderstandingAhead), apart from the
     * split's pool. On one bounded pool, a downloaded window's 500 tasks kept the queue full, so Camel ran the
     * split's own submissions on the submitting thread (CallerRunsPolicy), each nested in the one before; one
     * 100,000-message drain stalled there with no log line. Apart, the split's pool sees only the split's tasks.
     * The queue needs no bound of its own: the mailbox reader downloads one window ahead at a time.
     */
    private static ExecutorService understandAheadPool(int n) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "rebound-understand-" + count.incrementAndGet()));
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("rebound: error while stopping: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            main.stop();
        } finally {
            closeResources();
        }
    }

    private void closeResources() throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

package org.rebound.election;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election for instances that share only their PostgreSQL database: clustered Quartz (JobStoreTX) with its
 * tables in Rebound's own database (migration V6), firing each mailbox's poll job ({@link MailboxPollJob}) on one
 * instance at a time. Each instance checks in every {@code checkIn}; an instance whose check-in is overdue by
 * {@code checkIn} plus Quartz's fixed 7.5 s grace is taken for dead, and the fire it was executing is recovered
 * (JobStoreSupport.calcFailedIfAfter and clusterRecover): the mailbox's trigger is unblocked and fires on a live
 * instance. That overdue time is the election's lease.
 *
 * <p>A paused leader is taken for dead in the same way, but it does not know it: when it runs again, its job goes on.
 * Worse, when that job ends, Quartz unblocks the trigger although the new poller's fire still executes, and a third
 * fire may start (JobStoreSupport.triggeredJobComplete). So before every window the consumer asks Quartz's own
 * record of executing fires (QRTZ_FIRED_TRIGGERS): this instance polls only while its fire is still recorded and no
 * earlier fire of the mailbox's job is executing. A woken leader's fire was deleted by the recovery; a fire that
 * started while another executes comes later. Both stop before their next window.
 */
public final class QuartzElection implements MailboxElection {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzElection.class);
    /** Every instance must use the same scheduler name: it is the cluster (SCHED_NAME in Quartz's tables). */
    static final String SCHEDULER_NAME = "rebound";
    private static final String TASKS = "rebound.poll-tasks";
    /** The earliest executing fire of a mailbox's job, as the job store records it (tables_postgres.sql). */
    private static final String FIRST_EXECUTING_FIRE = """
            SELECT entry_id FROM qrtz_fired_triggers
             WHERE sched_name = ? AND job_name = ? AND job_group = ? AND state = 'EXECUTING'
             ORDER BY fired_time, entry_id
             FETCH FIRST 1 ROWS ONLY""";

    private final DataSource dataSource;
    private final Scheduler quartz;
    private final PollTasks tasks = new PollTasks();
    private final Duration checkIn;

    private QuartzElection(DataSource dataSource, Scheduler quartz, Duration checkIn) {
        this.dataSource = dataSource;
        this.quartz = quartz;
        this.checkIn = checkIn;
    }

    /**
     * @param dataSource Rebound's database, which every instance shares and which holds Quartz's tables
     * @param postgres   whether it is PostgreSQL (Quartz's PostgreSQLDelegate), else Quartz's standard JDBC
     * @param checkIn    how often this instance checks in with the cluster (clusterCheckinInterval)
     * @param accounts   the mailbox accounts: one Quartz worker thread each
     */
    public static QuartzElection create(DataSource dataSource, boolean postgres, Duration checkIn,
            List<String> accounts) throws SchedulerException {
        // Quartz finds its connections by name in a JVM-wide registry; Rebound's pool serves them.
        String connections = "rebound-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(connections, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // Rebound closes its pool itself.
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, accounts.size())));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", connections);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkIn.toMillis()));
        // Job data as strings only (the account's name), never serialized Java objects.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        // A trigger late by more than this is "misfired" and left to the misfire handler, which looks every this
        // long: the default, 60 s, kept a mailbox whose trigger was unblocked by a recovery (its next fire time long
        // past, held back by the dead instance's drain) waiting up to a minute after the takeover (failover drill:
        // 56 s instead of 9). With 1 s the misfire instruction (fire now) applies within a second.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        // Acquire triggers under the cluster's row lock, as Quartz advises for clusters.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        Scheduler quartz = new StdSchedulerFactory(p).getScheduler();
        QuartzElection election = new QuartzElection(dataSource, quartz, checkIn);
        quartz.getContext().put(TASKS, election.tasks);
        return election;
    }

    /**
     * The host's name, for the operator reading QRTZ_SCHEDULER_STATE, and a random part. Quartz's AUTO id is the host
     * name and the start's millisecond (SimpleInstanceIdGenerator): two instances started in the same millisecond on
     * one host took the same id, each took the other's check-ins for its own, and neither recovered the other's
     * jobs once it died (seen once in six failover drills).
     */
    static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID();
    }

    static PollTasks pollTasks(Scheduler quartz) throws SchedulerException {
        return (PollTasks) quartz.getContext().get(TASKS);
    }

    @Override
    public Optional<ScheduledPollConsumerScheduler> scheduler(String account) {
        return Optional.of(new QuartzPollScheduler(quartz, tasks, account));
    }

    @Override
    public Leadership leadership(String account) {
        return () -> MailboxPollJob.current(account).map(this::stillFirst).orElse(false);
    }

    /** Whether the fire is still recorded as executing and no earlier fire of the same job is. */
    private boolean stillFirst(MailboxPollJob.Fire fire) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(FIRST_EXECUTING_FIRE)) {
            s.setString(1, SCHEDULER_NAME);
            s.setString(2, QuartzPollScheduler.jobKey(fire.account()).getName());
            s.setString(3, QuartzPollScheduler.GROUP);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getString(1).equals(fire.entryId());
            }
        } catch (SQLException e) {
            // Without the database no window can commit anyway; the consumer stops and the next fire asks again.
            LOG.debug("cannot read Quartz's executing fires: {}", e.toString());
            return false;
        }
    }

    @Override
    public void start(CamelContext camel) throws SchedulerException {
        quartz.start();
    }

    @Override
    public void stop() throws SchedulerException {
        // Waits for a running poll, which ends at once: the consumers have stopped before the component.
        quartz.shutdown(true);
    }

    @Override
    public String describe() {
        return "quartz (clustered in the database, check-in every " + checkIn + ")";
    }
}

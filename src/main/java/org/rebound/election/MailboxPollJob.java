package org.rebound.election;

import java.util.Optional;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of one mailbox: runs its consumer's poll (greedy: window after window until the mailbox is drained).
 * {@link DisallowConcurrentExecution}: in a clustered job store, Quartz keeps the job's trigger BLOCKED while a fire
 * of it executes on any instance, so no second instance fires the mailbox's poll meanwhile, until the cluster check-in
 * finds the executing instance dead and recovers its fire (Quartz, "Configure Clustering with JDBC-JobStore").
 *
 * <p>The job holds only the account's name (job data); the poll itself is the consumer of this instance, found in
 * the scheduler's context, which is not stored. While it runs, the thread knows its fire, so the consumer can ask
 * whether Quartz still counts it the mailbox's poller ({@link QuartzElection}).
 */
@DisallowConcurrentExecution
public final class MailboxPollJob implements Job {

    static final String ACCOUNT = "account";
    private static final ThreadLocal<Fire> CURRENT = new ThreadLocal<>();

    /** The fire of a mailbox's job this thread is running: Quartz's fired-trigger record id (ENTRY_ID). */
    record Fire(String account, String entryId) {
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String account = context.getMergedJobDataMap().getString(ACCOUNT);
        Optional<Runnable> poll;
        try {
            poll = QuartzElection.pollTasks(context.getScheduler()).of(account);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        if (poll.isEmpty()) {
            // This instance has no running consumer for the mailbox (starting or stopping): nothing to poll.
            return;
        }
        CURRENT.set(new Fire(account, context.getFireInstanceId()));
        try {
            poll.get().run();
        } finally {
            CURRENT.remove();
        }
    }

    /** The fire this thread is running for the account, if it is running one. */
    static Optional<Fire> current(String account) {
        Fire fire = CURRENT.get();
        return fire != null && fire.account().equals(account) ? Optional.of(fire) : Optional.empty();
    }
}

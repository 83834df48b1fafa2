package org.rebound.election;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Fires one mailbox consumer's polls from clustered Quartz instead of the consumer's own timer: a job per mailbox
 * ({@link MailboxPollJob}) with a trigger that repeats every poll delay, shared by every instance through the job
 * store. camel-quartz's own poll scheduler (QuartzScheduledPollConsumerScheduler, 4.18.0) cannot serve here: its job
 * class allows concurrent execution, so while one instance drains the mailbox in a long greedy poll, the next fire
 * of the trigger would start a second poll on another instance.
 */
final class QuartzPollScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    static final String GROUP = "rebound-mailboxes";

    private final Scheduler quartz;
    private final PollTasks tasks;
    private final String account;
    private CamelContext camel;
    private long intervalMillis = 1000;

    QuartzPollScheduler(Scheduler quartz, PollTasks tasks, String account) {
        this.quartz = quartz;
        this.tasks = tasks;
        this.account = account;
    }

    static JobKey jobKey(String account) {
        return new JobKey("mailbox-" + account, GROUP);
    }

    static TriggerKey triggerKey(String account) {
        return new TriggerKey("mailbox-" + account, GROUP);
    }

    @Override
    public void onInit(Consumer consumer) {
        ScheduledPollConsumer polling = (ScheduledPollConsumer) consumer;
        // The consumer's poll delay (the route's delay:) is the trigger's interval.
        intervalMillis = Math.max(1, TimeUnit.MILLISECONDS.convert(polling.getDelay(), polling.getTimeUnit()));
    }

    @Override
    public void scheduleTask(Runnable task) {
        tasks.put(account, task);
    }

    @Override
    public void unscheduleTask() {
        tasks.remove(account);
    }

    /**
     * Stores the job and its trigger unless another instance (or an earlier run) already has with this interval.
     * Replacing a trigger keeps it BLOCKED when a fire of its job is executing elsewhere (JobStoreSupport
     * checkBlockedState), so a starting instance does not unblock a drain in progress.
     */
    @Override
    public void startScheduler() {
        try {
            Trigger existing = quartz.getTrigger(triggerKey(account));
            if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == intervalMillis) {
                return;
            }
            JobDetail job = JobBuilder.newJob(MailboxPollJob.class).withIdentity(jobKey(account))
                    .usingJobData(MailboxPollJob.ACCOUNT, account).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(account)).forJob(job)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(intervalMillis).repeatForever()
                            // A fire missed while the job was blocked by a long drain, or by an instance found dead
                            // only now, happens at once: the mailbox is not left waiting for the next interval.
                            .withMisfireHandlingInstructionNowWithExistingCount())
                    .startNow().build();
            quartz.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }

    @Override
    public boolean isSchedulerStarted() {
        try {
            return quartz.isStarted();
        } catch (SchedulerException e) {
            return false;
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    protected void doStop() {
        // The job and trigger stay in the shared store: the other instances go on firing the mailbox's polls.
        tasks.remove(account);
    }
}

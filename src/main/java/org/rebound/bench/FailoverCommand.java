package org.rebound.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.rebound.app.UnreadablePathException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The failover drill (issue 18) from the command line: two instances of the real jar, one elected to poll, one
 * Dovecot mailbox, PostgreSQL, the poller killed or paused mid-drain; see {@link FailoverDrill}.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Drain N generated bounces with two Rebound instances elected by --election while the poller "
                + "is killed (kill -9) or paused (SIGSTOP, SIGCONT after the takeover) mid-drain; print each "
                + "takeover's time and overlap by Dovecot's log, then lost / duplicated / drained; exit code 1 when "
                + "a check fails.")
public final class FailoverCommand implements Callable<Integer> {

    @Option(names = "--election", defaultValue = "quartz", description = "quartz or file (default: ${DEFAULT-VALUE}).")
    String election;

    @Option(names = "--faults", defaultValue = "kill,kill,kill", split = ",",
            description = "One per takeover, spread over the drain: kill or pause (default: ${DEFAULT-VALUE}).")
    List<String> faults;

    @Option(names = "--window", defaultValue = "500", description = "rebound.mailbox.window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--poll-delay", defaultValue = "500", paramLabel = "MS",
            description = "rebound.mailbox.poll-delay, the Quartz trigger's interval (default: ${DEFAULT-VALUE}).")
    int pollDelay;

    @Option(names = "--max-takeover", defaultValue = "PT15S",
            description = "The longest a takeover may take (default: ${DEFAULT-VALUE}).")
    Duration maxTakeover;

    @Option(names = "--jvm-opts", defaultValue = "-Xmx512m -XX:TieredStopAtLevel=1", paramLabel = "OPTS",
            description = "JVM options of each Rebound process, space-separated, besides the class-data-sharing "
                    + "archive next to the jar (rebound.jsa) when there is one: README, \"Start-up\" "
                    + "(default: ${DEFAULT-VALUE}).")
    String jvmOpts;

    @Mixin
    DrainOptions shared = new DrainOptions();

    @Option(names = "--work", defaultValue = "data/failover", description = "Folder for the run's files.")
    Path work;

    @Override
    public Integer call() throws Exception {
        UnreadablePathException.requireReadable(shared.jar);
        BenchDatabase.deleteRecursively(work);
        List<String> options = new ArrayList<>(Arrays.stream(jvmOpts.trim().split("\\s+"))
                .filter(o -> !o.isEmpty()).toList());
        options.addAll(ReboundProcess.archiveNextTo(shared.jar));
        FailoverDrill.Plan plan = new FailoverDrill.Plan(shared.jar, work,
                BenchDatabase.postgres(shared.postgresUrl, shared.postgresUser, "", "rebound_failover"),
                FailoverDrill.Mechanism.parse(election), faults.stream().map(FailoverDrill.Fault::parse).toList(),
                shared.messages, window, pollDelay, shared.seed, options, maxTakeover);
        return FailoverDrill.run(plan, System.out).passed() ? 0 : 1;
    }
}

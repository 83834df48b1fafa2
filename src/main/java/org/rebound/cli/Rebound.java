package org.rebound.cli;

import java.util.concurrent.Callable;

import org.rebound.app.CrossFoldCommand;
import org.rebound.app.DemoCommand;
import org.rebound.app.ExplainCommand;
import org.rebound.app.ParseBenchmarkCommand;
import org.rebound.app.ParseCommand;
import org.rebound.app.QualificationCommand;
import org.rebound.app.ReclassifyCommand;
import org.rebound.app.RedriveCommand;
import org.rebound.app.ReportCommand;
import org.rebound.app.RunCommand;
import org.rebound.app.SettingsException;
import org.rebound.app.UnreadablePathException;
import org.rebound.app.Version;
import org.rebound.bench.BenchCommand;
import org.rebound.bench.FailoverCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: `run` (the default) starts the server; the other commands are tools around it. It stands above
 * the server (app) and the bench, which drives the server's jar, so that neither needs the other's package.
 */
@Command(name = "rebound", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A bounce-mail server: reads returned mail from a mailbox, classifies and correlates it.",
        subcommands = {RunCommand.class, DemoCommand.class, ParseCommand.class, ExplainCommand.class,
                ReclassifyCommand.class, RedriveCommand.class, QualificationCommand.class, ReportCommand.class,
                ParseBenchmarkCommand.class, BenchCommand.class, FailoverCommand.class, CrossFoldCommand.class})
public final class Rebound implements Callable<Integer> {

    /** Exit code for a wrong setting (EX_CONFIG in sysexits.h). */
    static final int EXIT_CONFIG = 78;
    /** Exit code for an input path that cannot be read (EX_NOINPUT in sysexits.h). */
    static final int EXIT_NO_INPUT = 66;

    public static void main(String[] args) {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the jar's META-INF/services on
        // every InternetHeaders and body part it creates (FactoryFinder.find); naming the provider makes that a
        // plain class lookup. Measured with the bench: about 30 % of the parsing threads' samples, before.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Rebound());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SettingsException) {
                commandLine.getErr().println("rebound: " + e.getMessage());
                return EXIT_CONFIG;
            }
            if (e instanceof UnreadablePathException) {
                commandLine.getErr().println("rebound: " + e.getMessage());
                return EXIT_NO_INPUT;
            }
            throw e;
        });
        return cli;
    }

    /** With no command, run the server. */
    @Override
    public Integer call() throws Exception {
        return new RunCommand().withDefaults().call();
    }
}

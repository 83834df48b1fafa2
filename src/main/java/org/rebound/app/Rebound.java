package org.rebound.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `run` (the default) starts the server; the other commands are tools around it. */
@Command(name = "rebound", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A bounce-mail server: reads returned mail from a mailbox, classifies and correlates it.",
        subcommands = {ParseCommand.class, ParseBenchmarkCommand.class, ExplainCommand.class,
                QualificationCommand.class})
public final class Rebound implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Rebound()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

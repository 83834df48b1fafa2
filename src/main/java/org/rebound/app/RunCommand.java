package org.rebound.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the server: polls the mailbox until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bounce server until stopped (the default command).")
public final class RunCommand implements Callable<Integer> {

    /** What it prints once its routes have started: the bench and the drills wait for it in its output. */
    public static final String RUNNING = "Rebound is running";

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE} in the working directory).")
    Path config;

    /** The options' defaults, for running without the `run` word. */
    public RunCommand withDefaults() {
        config = Path.of("application.properties");
        return this;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config, System.getenv(), System.getProperties());
        try (ReboundServer server = ReboundServer.start(settings)) {
            System.out.println(RUNNING + "; it answers at:");
            ServerUrls.of(settings).print(System.out);
            server.awaitShutdown();
        }
        return 0;
    }
}

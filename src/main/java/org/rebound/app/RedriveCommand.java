package org.rebound.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.camel.ProducerTemplate;
import org.rebound.deadletter.Redriver;
import org.rebound.message.Window;
import org.rebound.store.ReceivedMessages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends dead-lettered messages through the pipeline again and removes those that then succeed. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Send dead-lettered messages (a .eml file, or a folder of them; default: the dead-letter "
                + "folder) through the pipeline again; remove the files of those that now succeed.")
public final class RedriveCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "A .eml file or a folder of them.")
    Optional<Path> path;

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config, System.getenv(), System.getProperties())
                // The whole pipeline but the mailbox: only the dead letters go through.
                .with("camel.main.auto-startup-exclude-pattern", "fetch-bounces");
        Path letters = path.orElse(settings.path("rebound.dead-letter.dir"));
        // Before the server starts: a path that cannot be read is one line, not a start and a stack trace.
        UnreadablePathException.requireReadable(letters);
        try (ReboundServer server = ReboundServer.start(settings)) {
            Redriver.Result r = redriver(server, settings).redrive(letters);
            System.out.printf("redriven %d, succeeded and removed %d, still dead-lettered %d%n", r.messages(),
                    r.succeeded(), r.stillDeadLettered());
            return r.stillDeadLettered() == 0 ? 0 : 1;
        }
    }

    /** A redriver that sends windows into the running server's process-window route. */
    static Redriver redriver(ReboundServer server, Settings settings) {
        ProducerTemplate template = server.camelContext().createProducerTemplate();
        Window.Source deadLetters = Window.Source.outsideAMailbox("redrive");
        return new Redriver(new ReceivedMessages(server.dataSource()),
                messages -> template.requestBody("direct:process-window", Window.of(deadLetters, messages),
                        Window.class).dispositions(),
                MailboxSettings.window(settings).messages());
    }
}

package org.rebound.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;

import org.rebound.dsn.parse.ReportParser;
import org.rebound.store.Reclassifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Classifies the stored bounces again with the current rule book, and brings address states up to date. */
@Command(name = "reclassify", mixinStandardHelpOptions = true,
        description = "Run the current parser and rule book over the stored raw bounces; update reasons and "
                + "address states. Needs the database only.")
public final class ReclassifyCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config, System.getenv(), System.getProperties());
        try (HikariDataSource db = ReboundServer.openDatabase(settings)) {
            Reclassifier.Summary s = new Reclassifier(db, new ReportParser(), ReboundServer.classifier(settings),
                    ReboundServer.quarantinePolicy(settings), Clock.systemUTC()).run();
            System.out.printf("messages %d (unreadable now %d), events %d, events reclassified %d, "
                    + "addresses changed %d%n", s.messages(), s.unreadable(), s.events(), s.eventsChanged(),
                    s.addressesChanged());
        }
        return 0;
    }
}

package org.rebound.app;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;

import org.rebound.correlate.SentMessageTable;
import org.rebound.report.BounceBreakdown;
import org.rebound.report.BounceReports;
import org.rebound.report.BreakdownFormat;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A campaign's or a day's bounce breakdown, by reason, type and provider, as CSV or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a campaign's or a day's bounces by reason, type and receiving provider, with the "
                + "messages sent, as CSV or JSON. Needs the database only.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "application.properties", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
        @Option(names = "--campaign", paramLabel = "DELIVERY_ID",
                description = "The campaign: its delivery id in the sending system's table.")
        String campaign;

        @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "A day (UTC) of bounces received.")
        LocalDate day;
    }

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json",
            description = "Output format (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    BreakdownFormat format;

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<BreakdownFormat> {
        @Override
        public BreakdownFormat convert(String value) {
            return BreakdownFormat.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config, System.getenv(), System.getProperties());
        SentMessageTable sent = settings.parsed(SentMessageTable::fromProperties);
        try (HikariDataSource db = ReboundServer.openDatabase(settings)) {
            BounceReports reports = new BounceReports(db, sent);
            BounceBreakdown b = subject.campaign != null ? reports.campaign(subject.campaign)
                    : reports.day(subject.day);
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            format.write(b, out);
            out.flush();
        }
        return 0;
    }
}

package org.rebound.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rebound.classify.Classifier;
import org.rebound.dsn.BounceReport;
import org.rebound.dsn.RecipientStatus;
import org.rebound.dsn.parse.ReportParser;
import org.rebound.dsn.mime.UnparseableMessageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures parse-and-classify throughput on one thread: the messages are read into memory once, parsed and
 * classified in warm-up passes (so the JIT has compiled the hot path), then in timed passes; prints messages/s.
 */
@Command(name = "bench-parse", mixinStandardHelpOptions = true,
        description = "Measure parse-and-classify throughput on one thread over messages held in memory.")
public final class ParseBenchmarkCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders of .eml files, or mbox files.")
    List<Path> paths;

    @Option(names = "--warmup", defaultValue = "150", description = "Untimed passes first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--passes", defaultValue = "100", description = "Timed passes (default ${DEFAULT-VALUE}).")
    int passes;

    private final ReportParser parser = new ReportParser();
    private final Classifier classifier = new Classifier();

    @Override
    public Integer call() {
        List<ParseCommand.MailFile> mails = ParseCommand.MailFile.readAll(paths);
        if (mails.isEmpty()) {
            System.err.println("no messages found");
            return 2;
        }
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += pass(mails);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < passes; i++) {
            sink += pass(mails);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long messages = (long) mails.size() * passes;
        // Wall-clock speed depends on what else the machine runs; the thread's CPU time does not, so both print.
        System.out.printf("messages=%d passes=%d seconds=%.3f messages_per_second=%.0f cpu_seconds=%.3f "
                        + "messages_per_cpu_second=%.0f (recipients seen: %d)%n",
                mails.size(), passes, seconds, messages / seconds, cpuSeconds, messages / cpuSeconds, sink);
        return 0;
    }

    /** One pass over every message; returns the recipients classified so the work cannot be optimised away. */
    private long pass(List<ParseCommand.MailFile> mails) {
        long recipients = 0;
        for (ParseCommand.MailFile mail : mails) {
            try {
                BounceReport report = parser.parse(mail.bytes());
                for (RecipientStatus r : report.recipients()) {
                    classifier.classify(report, r);
                    recipients++;
                }
            } catch (UnparseableMessageException e) {
                recipients--;
            }
        }
        return recipients;
    }
}

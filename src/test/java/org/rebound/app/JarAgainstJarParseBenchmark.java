package org.rebound.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two builds of Rebound side by side in one JVM, on the same messages: each jar in a class loader of its own, its
 * parser and classifier called alternately in short blocks, the thread's CPU time of each block taken, and the median
 * of the per-round ratios printed. Two bench-parse processes run one after the other on this machine's two shared
 * cores differ by 20 % from run to run; alternating blocks inside one process see the same load, so their ratio
 * moves less (two copies of one jar gave 0.97-1.03). It is not the whole truth: the two builds share the JDK's own
 * code (String, regex, collections, Optional) and its type profiles, so a build whose hot paths call more kinds of
 * lambda or collection through the JDK can lose inlining there that it keeps when it runs alone. On 2026-12-03 it
 * put parsing alone at 0.89 of a3f269a's speed, while JFR samples of separate processes doing the same 1,200 passes
 * came out even, and eight interleaved pairs of bench-parse processes at 0.93. Check a verdict with bench-parse
 * pairs before believing it.
 *
 * <p>Run it from a folder without rules/ (e.g. /tmp), so that each jar classifies with the rule book packed inside it:
 * {@code java -cp target/test-classes org.rebound.app.JarAgainstJarParseBenchmark OLD.jar NEW.jar
 * ../shared/corpus/sisimai/eml [whole|parse|classify] [rounds] [passes-per-block]}.
 */
public final class JarAgainstJarParseBenchmark {

    /** What a block times. */
    private enum Work {
        WHOLE, PARSE, CLASSIFY;

        static Work parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** One build: its ReportParser and Classifier, called by reflection (the package of ReportParser moved). */
    private static final class Build {
        private final Object parser;
        private final Object classifier;
        private final Method parse;
        private final Method recipients;
        private final Method classify;
        private List<Object[]> parsed = List.of();

        Build(Path jar) throws ReflectiveOperationException, java.io.IOException {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> reportParser = firstClass(loader, "org.rebound.dsn.parse.ReportParser",
                    "org.rebound.dsn.ReportParser");
            Class<?> report = loader.loadClass("org.rebound.dsn.BounceReport");
            Class<?> recipient = loader.loadClass("org.rebound.dsn.RecipientStatus");
            Class<?> classifierClass = loader.loadClass("org.rebound.classify.Classifier");
            parser = reportParser.getConstructor().newInstance();
            classifier = classifierClass.getConstructor().newInstance();
            parse = reportParser.getMethod("parse", byte[].class);
            recipients = report.getMethod("recipients");
            classify = classifierClass.getMethod("classify", report, recipient);
        }

        private static Class<?> firstClass(ClassLoader loader, String... names) throws ClassNotFoundException {
            for (String name : names) {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException tryNext) {
                    // an older or newer layout
                }
            }
            throw new ClassNotFoundException(String.join(" or ", names));
        }

        /** One pass over the messages; returns a count so that the work cannot be optimised away. */
        long pass(List<byte[]> messages, Work work) throws ReflectiveOperationException {
            if (work == Work.CLASSIFY) {
                long n = 0;
                for (Object[] reportAndRecipient : parsed) {
                    classify.invoke(classifier, reportAndRecipient[0], reportAndRecipient[1]);
                    n++;
                }
                return n;
            }
            long n = 0;
            for (byte[] message : messages) {
                try {
                    Object report = parse.invoke(parser, (Object) message);
                    for (Object r : (List<?>) recipients.invoke(report)) {
                        if (work == Work.WHOLE) {
                            classify.invoke(classifier, report, r);
                        }
                        n++;
                    }
                } catch (InvocationTargetException unparseable) {
                    n--;
                }
            }
            return n;
        }

        /** Parses every message once, for the classify-only blocks. */
        void parseAll(List<byte[]> messages) throws ReflectiveOperationException {
            List<Object[]> all = new ArrayList<>();
            for (byte[] message : messages) {
                try {
                    Object report = parse.invoke(parser, (Object) message);
                    for (Object r : (List<?>) recipients.invoke(report)) {
                        all.add(new Object[] {report, r});
                    }
                } catch (InvocationTargetException unparseable) {
                    // not classified in either build
                }
            }
            parsed = all;
        }
    }

    public static void main(String[] args) throws Exception {
        Build a = new Build(Path.of(args[0]));
        Build b = new Build(Path.of(args[1]));
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[2]))) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readAllBytes(file));
            }
        }
        Work work = args.length > 3 ? Work.parse(args[3]) : Work.WHOLE;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        a.parseAll(messages);
        b.parseAll(messages);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 100; i++) {
            sink += a.pass(messages, work) + b.pass(messages, work);
        }
        List<Double> ratios = new ArrayList<>();
        double cpuA = 0;
        double cpuB = 0;
        for (int round = 0; round < rounds; round++) {
            // Alternate which build goes first, so that neither always follows the other's cache footprint.
            Build first = round % 2 == 0 ? a : b;
            double[] seconds = new double[2];
            for (int k = 0; k < 2; k++) {
                Build build = k == 0 ? first : (first == a ? b : a);
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < passes; i++) {
                    sink += build.pass(messages, work);
                }
                seconds[k] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            }
            double secondsA = first == a ? seconds[0] : seconds[1];
            double secondsB = first == a ? seconds[1] : seconds[0];
            cpuA += secondsA;
            cpuB += secondsB;
            ratios.add(secondsA / secondsB);
        }
        Collections.sort(ratios);
        long units = (long) (work == Work.CLASSIFY ? a.parsed.size() : messages.size()) * passes * rounds;
        System.out.printf(Locale.ROOT, "%s: A %.0f/cpu-s, B %.0f/cpu-s; median time ratio A/B %.3f (above 1: B is "
                        + "faster), quartiles %.3f-%.3f, %d rounds of %d passes (%d)%n", work, units / cpuA,
                units / cpuB, ratios.get(rounds / 2), ratios.get(rounds / 4), ratios.get(3 * rounds / 4), rounds,
                passes, sink);
    }
}

package org.rebound.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a unified GC log (-Xlog:gc:file=...:uptime) says about the heap: its peak (the heap in use just before a
 * collection) and what survives each collection over time, which stays flat when a long run holds no growing
 * state.
 *
 * @param collections one entry per collection, in order
 */
public record GcLog(List<Collection> collections) {

    /**
     * @param uptimeSeconds when it happened, since the JVM started
     * @param beforeMib     heap in use before it
     * @param afterMib      heap in use after it: what was live, plus, after a young collection, whatever dead
     *                      objects the old generation holds until a marking cycle finds them
     * @param full          a full collection (here, one the bench asked for): its afterMib is exactly the live heap
     */
    public record Collection(double uptimeSeconds, long beforeMib, long afterMib, boolean full) {
    }

    /** "[12.345s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 5.123ms" */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+[.,]\\d+)s\\].*GC\\(\\d+\\).* (\\d+)([KMG])->(\\d+)([KMG])\\(");

    public static GcLog read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
    }

    public static GcLog parse(List<String> lines) {
        List<Collection> collections = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                collections.add(new Collection(Double.parseDouble(m.group(1).replace(',', '.')),
                        mib(m.group(2), m.group(3)), mib(m.group(4), m.group(5)), line.contains("Pause Full")));
            }
        }
        return new GcLog(List.copyOf(collections));
    }

    private static long mib(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            default -> n;
        };
    }

    /** The live heap after each full collection, in MiB, in order. */
    public List<Long> liveMibAfterFullCollections() {
        return collections.stream().filter(Collection::full).map(Collection::afterMib).toList();
    }

    /** The most heap in use at any collection, in MiB; 0 when none happened. */
    public long peakMib() {
        return collections.stream().mapToLong(Collection::beforeMib).max().orElse(0);
    }

    /**
     * The mean live heap (after collection) over the collections that happened from {@code fromSeconds} on, in
     * MiB; 0 when none did.
     */
    public double meanLiveMibFrom(double fromSeconds, double toSeconds) {
        return collections.stream().filter(c -> c.uptimeSeconds() >= fromSeconds && c.uptimeSeconds() < toSeconds)
                .mapToLong(Collection::afterMib).average().orElse(0);
    }
}

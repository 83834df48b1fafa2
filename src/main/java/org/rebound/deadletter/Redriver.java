package org.rebound.deadletter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.store.ReceivedMessages;

/**
 * Sends dead-lettered messages through the pipeline again, typically after the rules, the parser or the sending
 * system's table have improved, and removes the files of those that then succeed. A message that fails again
 * stays, its sidecar rewritten with the new reason.
 */
public final class Redriver {

    /** What a redrive did. */
    public record Result(int messages, int succeeded, int stillDeadLettered) {
    }

    private final ReceivedMessages received;
    private final Function<List<ReturnedMessage>, List<Disposition>> pipeline;
    private final int window;

    /**
     * @param pipeline sends one window of messages through the pipeline and returns what became of each
     * @param window   how many messages go through at once
     */
    public Redriver(ReceivedMessages received, Function<List<ReturnedMessage>, List<Disposition>> pipeline,
                    int window) {
        this.received = received;
        this.pipeline = pipeline;
        this.window = window;
    }

    /** Redrives one .eml file, or every .eml file of a folder. */
    public Result redrive(Path path) throws IOException, SQLException {
        List<Path> files = emlFiles(path);
        int succeeded = 0;
        int failed = 0;
        for (int from = 0; from < files.size(); from += window) {
            Map<String, List<Path>> byHash = new LinkedHashMap<>();
            List<ReturnedMessage> messages = new ArrayList<>();
            for (Path eml : files.subList(from, Math.min(files.size(), from + window))) {
                ReturnedMessage m = ReturnedMessage.of(Files.readAllBytes(eml), "");
                if (byHash.computeIfAbsent(m.contentHash(), h -> new ArrayList<>()).isEmpty()) {
                    messages.add(m);
                }
                byHash.get(m.contentHash()).add(eml);
            }
            // A dead-lettered message is remembered as handled; forget it, or the pipeline would skip it.
            received.forget(byHash.keySet());
            for (Disposition d : pipeline.apply(messages)) {
                if (d.deadLetterReason().isPresent() || d.keepInMailbox()) {
                    failed++;
                    continue;
                }
                succeeded++;
                for (Path eml : byHash.get(d.message().contentHash())) {
                    Files.deleteIfExists(eml);
                    Files.deleteIfExists(sidecar(eml));
                }
            }
        }
        return new Result(succeeded + failed, succeeded, failed);
    }

    private static List<Path> emlFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static Path sidecar(Path eml) {
        String name = eml.getFileName().toString();
        return eml.resolveSibling(name.substring(0, name.length() - ".eml".length()) + ".json");
    }
}

package org.rebound.deadletter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.text.CauseChain;

/**
 * The dead-letter "folder" that POP3 does not have: what Rebound could not understand or correlate, kept on disk
 * as the raw {@code .eml} plus a {@code .json} sidecar saying why. Files are named by the message's hash, never by
 * anything the message says, so a name is always safe and a message dead-lettered twice is one file. Both files
 * are flushed to disk before the message may leave the mailbox.
 */
public final class DeadLetterFolder {

    private final Path dir;
    private final Clock clock;
    /** Written into each sidecar, so that a file can be redriven knowing which build dead-lettered it. */
    private final String reboundVersion;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DeadLetterFolder(Path dir, Clock clock, String reboundVersion) {
        this.dir = dir;
        this.clock = clock;
        this.reboundVersion = reboundVersion;
    }

    public Path dir() {
        return dir;
    }

    /** A dead letter as the API lists it: its file, why it is there, and when. */
    public record Entry(String file, String reason, String message, List<String> recipients, String time) {
    }

    /** How many dead letters the folder holds (each is an .eml and its .json sidecar). */
    public int count() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    /** The latest dead letters, newest first (read from their sidecars); at most {@code limit}. */
    public List<Entry> recent(int limit) throws IOException {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> sidecars;
        try (Stream<Path> files = Files.list(dir)) {
            sidecars = files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path p : sidecars) {
            JsonNode sidecar;
            try {
                sidecar = json.readTree(p.toFile());
            } catch (IOException e) {
                continue; // being written or removed (redrive) as we list: the next listing shows it as it is then
            }
            List<String> recipients = new ArrayList<>();
            sidecar.path("recipients").forEach(r -> recipients.add(r.asText()));
            String name = p.getFileName().toString();
            entries.add(new Entry(name.substring(0, name.length() - ".json".length()) + ".eml",
                    sidecar.path("reason").asText(), sidecar.path("message").asText(), recipients,
                    sidecar.path("time").asText()));
        }
        entries.sort(Comparator.comparing(Entry::time).reversed().thenComparing(Entry::file));
        return entries.subList(0, Math.min(limit, entries.size()));
    }

    /**
     * Writes the file pair of each of these messages, the window's dead-lettered ones (the route passes only those,
     * Window.deadLettered), with the recipients that were not recorded.
     */
    public void write(List<Disposition> deadLettered) throws IOException {
        for (Disposition d : deadLettered) {
            String reason = d.deadLetterReason().orElseThrow(() -> new IllegalArgumentException("message "
                    + d.message().shortId() + " is " + d.outcome() + " with no reason to dead-letter it"));
            List<String> recipients = d.deadLetteredEvents().stream().map(e -> e.recipient().finalRecipient())
                    .toList();
            write(d.message(), reason, d.result().failure(), recipients);
        }
    }

    /**
     * Writes one message's file pair: the raw message, and the sidecar with the reason, the cause and the recipients
     * concerned.
     */
    private void write(ReturnedMessage message, String reason, Optional<? extends Throwable> cause,
                       List<String> recipients) throws IOException {
        Files.createDirectories(dir);
        String base = message.shortId();
        Path eml = dir.resolve(base + ".eml");
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("reason", reason);
        sidecar.put("message", cause.map(CauseChain::of).orElse(""));
        sidecar.put("exception", cause.map(DeadLetterFolder::stackTrace).orElse(""));
        sidecar.put("recipients", recipients);
        sidecar.put("contentHash", message.contentHash());
        sidecar.put("mailboxUid", message.mailboxUid());
        sidecar.put("reboundVersion", reboundVersion);
        sidecar.put("time", clock.instant().toString());
        writeDurably(eml, message.raw());
        writeDurably(dir.resolve(base + ".json"), json.writeValueAsBytes(sidecar));
    }

    /** Writes to a temporary file, forces it to disk, then renames it into place, so no half file is ever seen. */
    private static void writeDurably(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

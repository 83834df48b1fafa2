package org.rebound.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SharedStoreBroker} in a JVM of its own, started on the test's class path, with its output in a file.
 */
final class SharedStoreBrokerProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private SharedStoreBrokerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** @param role primary or backup */
    static SharedStoreBrokerProcess start(String role, int port, int peerPort, Path shared, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path output = logDir.resolve(role + ".out");
        Files.deleteIfExists(output);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SharedStoreBroker.class.getName(), role,
                Integer.toString(port), Integer.toString(peerPort), shared.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        return new SharedStoreBrokerProcess(ChildProcesses.killedOnExit(process), output);
    }

    /** When the server became active (epoch millis, its own clock, which is this machine's), once it has. */
    Optional<Long> activeAt() throws IOException {
        List<String> lines = Files.exists(output) ? Files.readAllLines(output) : List.of();
        return lines.stream().filter(l -> l.startsWith("active ")).findFirst()
                .map(l -> Long.parseLong(l.substring("active ".length()).strip()));
    }

    /** Waits until the server is active; fails naming its output if it exits or the time runs out. */
    long awaitActive(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> at = activeAt();
            if (at.isPresent()) {
                return at.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited: " + Files.readString(output));
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the broker did not become active within " + timeout + ": "
                + Files.readString(output));
    }

    /** SIGKILL: the process ends at once and the operating system releases its lock on the shared journal. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rebound.app.DemoMailbox;

/**
 * A JVM that started Rebound as a child ({@link ReboundProcess}) and then exits leaves no Rebound behind: one left
 * behind would go on polling, publishing and holding its ports ({@link ChildProcesses}).
 */
class ReboundProcessReaperIT {

    private static final Path JAR = Path.of("target", "rebound.jar");

    /** Run in a JVM of its own: starts Rebound, waits until it runs, prints its PID, and exits. */
    public static final class StartsReboundAndExits {

        public static void main(String[] args) throws Exception {
            Path work = Path.of(args[0]);
            Map<String, String> settings = Map.of(
                    "rebound.db.url", "jdbc:h2:file:" + work.toAbsolutePath().resolve("h2/rebound"),
                    "rebound.jms.embedded.data-dir", work.resolve("artemis").toString(),
                    "rebound.jms.embedded.port", Integer.toString(DemoMailbox.freePort()),
                    "rebound.dead-letter.dir", work.resolve("dead-letter").toString(),
                    "camel.management.port", Integer.toString(DemoMailbox.freePort()),
                    "camel.server.port", Integer.toString(DemoMailbox.freePort()),
                    "rebound.mailbox.protocol", "pop3",
                    "rebound.mailbox.port", Integer.toString(DemoMailbox.freePort()));
            ReboundProcess rebound = ReboundProcess.start(JAR, List.of("-Xmx256m"), settings, work.resolve("logs"));
            try {
                rebound.awaitRunning(Duration.ofSeconds(120));
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(1);
            }
            System.out.println(rebound.pid());
            System.exit(0);
        }
    }

    @Test
    void reboundStartedByAJvmThatExitsIsStoppedWithIt() throws Exception {
        assumeTrue(Files.exists(JAR), "needs the shaded jar: mvn package");
        Path work = Path.of("target", "reaper");
        BenchDatabase.deleteRecursively(work);
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartsReboundAndExits.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        String printed;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            printed = out.lines().reduce("", (a, b) -> b);
        }
        assertEquals(0, parent.waitFor(), "the parent JVM saw Rebound running, then exited: " + printed);
        Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(printed.trim()));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (child.isPresent() && child.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(child.isPresent() && child.get().isAlive(), "Rebound outlived the JVM that started it");
    }
}

package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rebound.app.TestMail.Failure;

/**
 * The shaded jar as users run it. A fat jar without the merged META-INF mailcap files reads every DSN field as
 * null, which only shows in the jar: so the jar itself must parse a DSN.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "rebound.jar");

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void jarParsesEveryFieldOfADsn(@TempDir Path dir) throws Exception {
        Path eml = dir.resolve("bounce.eml");
        Files.write(eml, TestMail.dsn("jar-check@sender.example", List.of(new Failure("gone@recipient.example",
                "5.1.1", "550 5.1.1 <gone@recipient.example>: User unknown"))));

        Run run = java("parse", eml.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(String.join("\t", ParseCommand.COLUMNS), lines.get(0));
        String[] row = lines.get(1).split("\t", -1);
        assertEquals("bounce.eml", row[0]);
        assertEquals("gone@recipient.example", row[1]);
        assertEquals("failed", row[2]);
        assertEquals("5.1.1", row[3]);
        assertEquals("550", row[4]);
        assertEquals("userunknown", row[5]);
        assertEquals("hard", row[6]);
        assertEquals("jar-check@sender.example", row[10]);
    }

    @Test
    void wrongOptionPrintsUsageAndExitsWithTwo() throws Exception {
        Run run = java("--no-such-option");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Usage: rebound"), run.err());
    }

    @Test
    void versionNamesTheBuiltVersion() throws Exception {
        Run run = java("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("Rebound \\d+\\.\\d+\\.\\d+.*\\s*"), run.out());
    }

    @Test
    void aMissingFileIsOneLineNamingItAndExitCode66() throws Exception {
        Run run = java("parse", "/no/such/bounce.eml");

        assertEquals(new Run(66, "", "rebound: /no/such/bounce.eml: no such file or folder\n"), run);
    }

    @Test
    void anUnreachableDatabaseAtStartIsOneLineNamingTheUrlAndExitCode78() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + DemoMailbox.freePort() + "/test";

        // The broker on a free port too: with the shipped 61616 held (a Rebound running on this machine), its
        // start-up error came first.
        Run run = java(Map.of("REBOUND_DB_URL", url, "CAMEL_MANAGEMENT_ENABLED", "false", "CAMEL_SERVER_ENABLED",
                "false", "REBOUND_JMS_EMBEDDED_PORT", Integer.toString(DemoMailbox.freePort())), "run");

        assertEquals(new Run(78, "", "rebound: setting rebound.db.url: expected a database that accepts a "
                + "connection, got " + url + ", which does not (Connection refused)\n"), run);
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        return java(Map.of(), args);
    }

    /** The jar run with these environment variables added to this JVM's. */
    private static Run java(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        int code = process.waitFor();
        return new Run(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}

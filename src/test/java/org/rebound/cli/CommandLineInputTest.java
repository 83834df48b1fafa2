package org.rebound.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/** Every command that reads paths fails in one line that names a path it cannot read, and exits 66. */
class CommandLineInputTest {

    @TempDir
    Path dir;

    /** The exit code and what the command printed on standard error. */
    private record Outcome(int exitCode, String err) {
    }

    @ParameterizedTest(name = "{0} PATH")
    @ValueSource(strings = {"parse", "explain", "bench-parse", "qualification --scan", "redrive", "bench --jar"})
    void aMissingPathIsOneLineNamingItAndExitCode66(String command) {
        Path missing = dir.resolve("missing.eml");

        Outcome outcome = run(command, missing);

        assertEquals(new Outcome(66, "rebound: " + missing + ": no such file or folder" + System.lineSeparator()),
                outcome);
    }

    @Test
    void aFolderThatCannotBeListedIsOneLineNamingIt() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.writeString(locked.resolve("a.eml"), "Subject: x\r\n\r\nx\r\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "root reads every folder: run as another user to check this");

            Outcome outcome = run("parse", locked);

            assertEquals(new Outcome(66, "rebound: " + locked + ": permission denied" + System.lineSeparator()),
                    outcome);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aPathUnderAFileIsOneLineNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.eml"), "Subject: x\r\n\r\nx\r\n");
        Path under = file.resolve("inside.eml");

        Outcome outcome = run("explain", under);

        assertEquals(new Outcome(66, "rebound: " + under + ": Not a directory" + System.lineSeparator()), outcome);
    }

    private static Outcome run(String command, Path path) {
        StringWriter err = new StringWriter();
        CommandLine cli = Rebound.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(path.toString());
        int code = cli.execute(args.toArray(String[]::new));
        return new Outcome(code, err.toString());
    }
}

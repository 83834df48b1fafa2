package org.rebound.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.rebound.app.RunCommand;

/**
 * The real Rebound jar run as a child process (`java OPTS -Dkey=value... -jar rebound.jar run`), in the project
 * folder so that application.properties and routes/ resolve as they do for a user, with its GC log and output
 * in files. Its CPU time and peak resident memory are read from /proc while it runs (Linux, proc(5)). It is killed
 * when this JVM exits ({@link ChildProcesses}).
 */
public final class ReboundProcess implements AutoCloseable {

    /** Clock ticks per second of /proc/PID/stat's utime and stime: USER_HZ, 100 on every Linux ABI. */
    private static final double USER_HZ = 100.0;

    private final Process process;
    private final Path gcLog;
    private final Path output;
    /** Where this process's output begins in the file, which a restarted process of the same folder appends to. */
    private final long outputStart;

    private ReboundProcess(Process process, Path gcLog, Path output, long outputStart) {
        this.process = process;
        this.gcLog = gcLog;
        this.output = output;
        this.outputStart = outputStart;
    }

    /**
     * @param jar        the shaded jar
     * @param jvmOptions extra JVM options, such as -Xmx512m
     * @param settings   Rebound settings passed as -D system properties, which override application.properties
     * @param logDir     where the process's output and GC log go
     */
    public static ReboundProcess start(Path jar, List<String> jvmOptions, Map<String, String> settings, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path gcLog = logDir.resolve("gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // Heap before and after every collection, with the time since start: the peak and the trend of the heap.
        command.add("-Xlog:gc:file=" + gcLog + ":uptime");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString(), "run"));
        Path output = logDir.resolve("rebound.out");
        long outputStart = Files.exists(output) ? Files.size(output) : 0;
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        return new ReboundProcess(ChildProcesses.killedOnExit(process), gcLog, output, outputStart);
    }

    /** Waits until this process prints that it runs (its routes started), or fails naming its output. */
    public void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (printed().contains(RunCommand.RUNNING)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Rebound stopped at start-up; see " + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Rebound did not start within " + timeout + "; see " + output);
    }

    /** What this process has printed so far (not what an earlier process of the same folder printed). */
    private String printed() throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        try (SeekableByteChannel file = Files.newByteChannel(output);
             InputStream from = Channels.newInputStream(file.position(outputStart))) {
            return new String(from.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The class-data-sharing archive the build makes next to the jar (rebound.jsa), as a JVM option, when there is
     * one: a process restarted in a failover drill is back in seconds rather than tens of seconds on a busy machine
     * (README, "Start-up"). An archive of another build makes the JVM warn and start without it.
     */
    public static List<String> archiveNextTo(Path jar) {
        Path archive = jar.resolveSibling("rebound.jsa");
        return Files.isReadable(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path gcLog() {
        return gcLog;
    }

    /** User plus system CPU seconds the process has used so far, or empty once it is gone. */
    public Optional<Double> cpuSeconds() {
        return cpuSecondsOf(pid(), false);
    }

    /**
     * User plus system CPU seconds a process has used so far, with {@code reapedChildren} those of the children it
     * has waited for too; empty once it is gone.
     */
    static Optional<Double> cpuSecondsOf(long pid, boolean reapedChildren) {
        try {
            return Optional.of(cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")),
                    reapedChildren));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU seconds per kind of thread (digits in thread names folded, so "rebound-parse-1" and "-2" add up): tells
     * parsing from the JIT compiler, the garbage collector, the broker and the database driver.
     */
    public Map<String, Double> cpuSecondsByThread() {
        Map<String, Double> byKind = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byKind.merge(name.replaceAll("\\d+", "N"), cpuSeconds(stat, false), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return byKind;
    }

    /**
     * User plus system time of a /proc/.../stat line (proc(5): utime and stime, fields 14 and 15); with
     * {@code reapedChildren}, plus that of the children the process has waited for (cutime and cstime, fields 16
     * and 17), as a server's finished workers.
     */
    private static double cpuSeconds(String stat, boolean reapedChildren) {
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (reapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / USER_HZ;
    }

    /** The peak resident set size in MiB (VmHWM), or empty once the process is gone. */
    public Optional<Double> peakResidentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Optional.empty();
    }

    /**
     * Asks the process for a full garbage collection (jcmd GC.run, which calls System.gc()): the GC log then says
     * exactly how much of the heap is live at this moment.
     */
    public void collectGarbage() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path output = Files.createTempFile("rebound-jcmd", ".txt");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd GC.run did not answer within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("jcmd GC.run exited with " + p.exitValue() + ": "
                        + Files.readString(output).strip());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** SIGKILL: the process ends at once, with no shutdown hook, as in a crash or the OOM killer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGSTOP: the process stops running where it is, its connections open and its locks held, as in a long GC pause,
     * a frozen VM or a host that stalls (signal(7)); {@link #resume} lets it go on.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a paused process runs on from where it stopped. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()).strip());
        }
    }

    /** SIGTERM, so that Rebound stops cleanly; SIGKILL if it has not stopped within the grace period. */
    public int stop(long graceSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(30);
        }
    }
}

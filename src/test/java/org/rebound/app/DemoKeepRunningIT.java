package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shaded jar's {@code demo --keep-running}, as a person runs it (in a folder of its own, on free ports): it
 * prints the URLs of the dashboard, the metrics and the API, and while it keeps running, the bounce counters at the
 * printed metrics URL equal the summary it printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoKeepRunningIT {

    private static final Path JAR = Path.of("target", "rebound.jar").toAbsolutePath();
    private static final Pattern REASON_LINE = Pattern.compile("^ {4}(\\S+ \\((?:hard|soft|none)\\))\\s+(\\d+)$");
    private static final Pattern URL_LINE = Pattern.compile("^ {2}(\\S+)\\s+(http://\\S+)");

    private Process demo;
    private final List<String> printed = new ArrayList<>();
    private final Map<String, String> urls = new TreeMap<>();

    @BeforeAll
    void startTheDemo() throws Exception {
        Path work = Files.createTempDirectory("rebound-demo");
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        copyFolder(Path.of("routes"), work.resolve("routes"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String key : List.of("camel.management.port", "camel.server.port", "rebound.jms.embedded.port")) {
            command.add("-D" + key + "=" + DemoMailbox.freePort());
        }
        command.addAll(List.of("-jar", JAR.toString(), "demo", "--keep-running"));
        demo = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> untilRunning = CompletableFuture.runAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (printed) {
                        printed.add(line);
                    }
                    if (line.startsWith("Still running")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!untilRunning.isDone() && Instant.now().isBefore(deadline) && demo.isAlive()) {
            Thread.sleep(100);
        }
        synchronized (printed) {
            assertTrue(untilRunning.isDone() && !untilRunning.isCompletedExceptionally(),
                    "the demo did not say it keeps running:\n" + String.join("\n", printed));
            for (String line : printed) {
                Matcher m = URL_LINE.matcher(line);
                if (m.find()) {
                    urls.put(m.group(1), m.group(2));
                }
            }
        }
        // Keep reading its output, so that a full pipe never stops it.
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) {
            demo.destroy();
            demo.waitFor();
        }
    }

    @Test
    void itPrintsTheUrlsOfTheDashboardTheMetricsAndTheApi() {
        assertTrue(urls.keySet().containsAll(List.of("dashboard", "metrics", "API")), urls.toString());
    }

    @Test
    void theBounceCountersAtThePrintedMetricsUrlEqualItsSummary() throws Exception {
        Map<String, Integer> summary = new TreeMap<>();
        for (String line : printed) {
            Matcher m = REASON_LINE.matcher(line);
            if (m.matches()) {
                summary.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        ScrapedMetrics metrics = ScrapedMetrics.scrape(URI.create(urls.get("metrics")));
        assertTrue(!summary.isEmpty(), String.join("\n", printed));
        assertEquals(summary, metrics.sum("rebound_bounce_events_total",
                l -> l.get("reason") + " (" + l.get("type") + ")"));
    }

    @Test
    void thePrintedDashboardAndApiAnswer() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(urls.get("dashboard"))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        String openapi = urls.get("API").replaceFirst("/api/$", "/api/openapi.yaml");
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(openapi)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

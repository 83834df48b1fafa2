package org.rebound.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * The dashboard's static files: the page, its script and style from the jar's dashboard/ folder, and uPlot (the
 * charts) from its webjar, whose version the webjar's own pom.properties tells, so that upgrading it is a change
 * of the pom alone. Only these names are served.
 */
public final class DashboardFiles {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/dist/%s";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    private final String uplotVersion;

    public DashboardFiles() {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the uPlot webjar's pom.properties cannot be read", e);
        }
        this.uplotVersion = pom.getProperty("version");
    }

    /** The file's bytes; NoSuchElementException for a name the dashboard does not have (404). */
    public byte[] read(String name) throws IOException {
        if (!TYPES.containsKey(name)) {
            throw new NoSuchElementException("the dashboard has no file " + name);
        }
        String path = name.startsWith("uPlot") ? UPLOT.formatted(uplotVersion, name) : "dashboard/" + name;
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        }
    }

    public String contentType(String name) {
        return TYPES.getOrDefault(name, "application/octet-stream");
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("not in the jar: " + path);
        }
        return in;
    }
}

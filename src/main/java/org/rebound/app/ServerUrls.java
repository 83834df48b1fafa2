package org.rebound.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a running Rebound answers over HTTP, from its settings: the dashboard and the API on Camel's platform-http
 * (camel.server.*), the metrics, the health and Jolokia on the management server (camel.management.*).
 *
 * @param lines each address with what it is, in the order printed; none for a server that is off
 */
record ServerUrls(List<String> lines) {

    static ServerUrls of(Settings settings) {
        List<String> lines = new ArrayList<>();
        if (ReboundServer.on(settings, "camel.server.enabled")) {
            String base = base(settings, "camel.server");
            lines.add("dashboard  " + base + "/dashboard");
            lines.add("API        " + base + "/api/ (described at " + base + "/api/openapi.yaml)");
        }
        if (ReboundServer.on(settings, "camel.management.enabled")) {
            String base = base(settings, "camel.management");
            if (ReboundServer.on(settings, "camel.management.metrics-enabled")) {
                lines.add("metrics    " + base + "/observe/metrics");
            }
            lines.add("health     " + base + "/observe/health");
            if (ReboundServer.on(settings, "camel.management.jolokia-enabled")) {
                lines.add("Jolokia    " + base + "/observe/jolokia (for Hawtio)");
            }
        }
        return new ServerUrls(List.copyOf(lines));
    }

    void print(PrintStream out) {
        lines.forEach(l -> out.println("  " + l));
    }

    /** http://HOST:PORT; an IPv6 literal in brackets (RFC 3986 section 3.2.2). */
    private static String base(Settings settings, String prefix) {
        String host = settings.text(prefix + ".host");
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.text(prefix + ".port");
    }
}

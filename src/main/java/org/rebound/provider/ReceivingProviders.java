package org.rebound.provider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rebound.text.RuleDataFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which receiving provider (google, microsoft, yahoo, ... or "other") a recipient's mail went to, from the table in
 * rules/providers/providers.yaml: by the recipient's domain first, else by the remote MTA's host. The names form a
 * bounded set (the file's, and "other"), so they may label metrics.
 */
public final class ReceivingProviders {

    /** The folder of the table under the rule folder, and the file's name. */
    public static final String FOLDER = "providers";
    public static final String FILE = "providers.yaml";
    /** Every recipient that no entry claims. */
    public static final String OTHER = "other";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Map<String, String> byDomain;
    private final List<Map.Entry<String, String>> byHost;
    private final List<String> names;

    private ReceivingProviders(Map<String, String> byDomain, List<Map.Entry<String, String>> byHost,
                               List<String> names) {
        this.byDomain = byDomain;
        this.byHost = byHost;
        this.names = names;
    }

    /** The table of a rule folder (its providers/providers.yaml, else the jar's copy). */
    public static ReceivingProviders of(Path rulesDir) {
        return load(new RuleDataFiles(rulesDir.resolve(FOLDER), FOLDER).read(FILE));
    }

    /** Reads a table; a wrong entry fails with the file's name and the entry. */
    public static ReceivingProviders load(RuleDataFiles.Text file) {
        Object root;
        try {
            root = new Yaml(new LoaderOptions()).load(file.text());
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file.name() + ": " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(file.name() + ": expected a list of providers");
        }
        Map<String, String> byDomain = new LinkedHashMap<>();
        List<Map.Entry<String, String>> byHost = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields) || !Set.of("provider", "source", "domains", "hosts")
                    .containsAll(fields.keySet()) || !(fields.get("provider") instanceof String name)
                    || !(fields.get("source") instanceof String)) {
                throw new IllegalArgumentException(file.name() + ": each entry needs provider and source, and may "
                        + "have domains and hosts; not " + entry);
            }
            if (!NAME.matcher(name).matches() || name.equals(OTHER) || !seen.add(name)) {
                throw new IllegalArgumentException(file.name() + ": provider '" + name + "' must be lower-case "
                        + "letters, digits and '-', not '" + OTHER + "', and given once");
            }
            names.add(name);
            for (String domain : strings(file, name, fields.get("domains"))) {
                byDomain.putIfAbsent(domain, name);
            }
            for (String host : strings(file, name, fields.get("hosts"))) {
                byHost.add(Map.entry(host, name));
            }
        }
        names.add(OTHER);
        return new ReceivingProviders(byDomain, byHost, List.copyOf(names));
    }

    /** Every name this table can give, "other" last: the bounded set of a metric label's values. */
    public List<String> names() {
        return names;
    }

    /**
     * The provider of a recipient.
     *
     * @param recipient the recipient's address
     * @param remoteMta the Remote-MTA the report named (RFC 3464: "dns; mx.example.com", or the host with what the
     *                  MTA added after it), empty when it named none
     */
    public String of(String recipient, String remoteMta) {
        String domain = domainOf(recipient);
        for (String d = domain; !d.isEmpty(); d = parent(d)) {
            String found = byDomain.get(d);
            if (found != null) {
                return found;
            }
        }
        String host = host(remoteMta);
        if (!host.isEmpty()) {
            for (Map.Entry<String, String> e : byHost) {
                String pattern = e.getKey();
                if (pattern.startsWith(".") ? host.endsWith(pattern) : host.equals(pattern)) {
                    return e.getValue();
                }
            }
        }
        return OTHER;
    }

    /** The provider of a domain alone (the sent messages, which name no remote MTA). */
    public String ofDomain(String domain) {
        return of("@" + domain, "");
    }

    /** The lower-case domain of an address; empty when it has no '@'. */
    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? "" : domain.substring(dot + 1);
    }

    /** "dns; mx.example.com. (192.0.2.1, ...)" or "[192.0.2.1]" -> "mx.example.com" or "192.0.2.1". */
    static String host(String remoteMta) {
        String text = remoteMta.trim();
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            text = text.substring(semicolon + 1).trim();
        }
        int space = text.indexOf(' ');
        if (space >= 0) {
            text = text.substring(0, space);
        }
        text = text.replace("[", "").replace("]", "");
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(RuleDataFiles.Text file, String provider, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String s
                && s.equals(s.toLowerCase(Locale.ROOT)) && !s.isBlank())) {
            throw new IllegalArgumentException(file.name() + ": provider '" + provider + "': domains and hosts are "
                    + "lists of lower-case names, not " + value);
        }
        return list.stream().map(String.class::cast).toList();
    }
}

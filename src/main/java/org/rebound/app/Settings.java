package org.rebound.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebound's configuration: application.properties, each key overridable by an environment variable (the key
 * upper-cased, dots and dashes as underscores) or a Java system property, in that rising order. Every getter
 * checks its value, and a wrong or missing one throws a {@link SettingsException} that names the key.
 */
public final class Settings {

    private final Properties values;
    /** The values as the file gave them, before the environment's and the JVM's overrides. */
    private final Properties fromFile;

    private Settings(Properties values, Properties fromFile) {
        this.values = values;
        this.fromFile = fromFile;
    }

    /** Reads the file and applies the environment's and the JVM's overrides. */
    public static Settings load(Path file, Map<String, String> environment, Properties system) {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            throw new SettingsException("cannot read the configuration file " + file.toAbsolutePath() + ": " + e);
        }
        return of(values, environment, system);
    }

    /** Applies the environment's and the JVM's overrides to the given values (their keys are the known keys). */
    public static Settings of(Properties values, Map<String, String> environment, Properties system) {
        Properties merged = new Properties();
        merged.putAll(values);
        for (String key : values.stringPropertyNames()) {
            String fromEnv = environment.get(environmentName(key));
            if (fromEnv != null) {
                merged.setProperty(key, fromEnv);
            }
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("rebound.") || key.startsWith("camel.")) {
                merged.setProperty(key, system.getProperty(key));
            }
        }
        Properties file = new Properties();
        file.putAll(values);
        return new Settings(merged, file);
    }

    /** rebound.mailbox.host -> REBOUND_MAILBOX_HOST */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with one value replaced, for the demo and the tests. */
    public Settings with(String key, String value) {
        Properties copy = new Properties();
        copy.putAll(values);
        copy.setProperty(key, value);
        return new Settings(copy, fromFile);
    }

    /** All values, for Camel's property placeholders in the routes. */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(values);
        return copy;
    }

    public String text(String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new SettingsException(key, "a value", "nothing");
        }
        return value.trim();
    }

    /** Whether the key is present at all (it may be empty). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The names {@code NAME} of the keys {@code prefix + NAME + "." + ...}: the named groups of settings such as
     * rebound.mailboxes.NAME.host, in sorted order.
     */
    public SortedSet<String> names(String prefix) {
        SortedSet<String> names = new TreeSet<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) > prefix.length()) {
                names.add(key.substring(prefix.length(), key.indexOf('.', prefix.length())));
            }
        }
        return names;
    }

    /**
     * A secret (an OAuth2 client secret, a refresh token) that may come from the environment or the JVM only: the
     * file must leave it empty, so that it never lands in a configuration that is copied, shared or committed.
     */
    public String secret(String key) {
        String inFile = fromFile.getProperty(key, "");
        if (!inFile.isBlank()) {
            throw new SettingsException(key, "no value in the configuration file (a secret: set "
                    + environmentName(key) + " in the environment)", "a value in the file");
        }
        return values.getProperty(key, "").trim();
    }

    /** A value that may be empty, such as a password for a server that needs none. */
    public String optionalText(String key) {
        if (!values.containsKey(key)) {
            throw new SettingsException(key, "the key to be present (it may be empty)", "no such key");
        }
        return values.getProperty(key).trim();
    }

    public int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new SettingsException(key, "a whole number from " + min + " to " + max, "'" + value + "'");
    }

    public boolean bool(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(key, "true or false", "'" + value + "'");
        };
    }

    /** A value from a closed set, read with the enum's own parse so the error lists what is accepted. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, Function<String, E> parse) {
        String value = text(key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            throw new SettingsException(key, "one of " + accepted, "'" + value + "'");
        }
    }

    /**
     * Settings read by a component's own factory from the raw values; its IllegalArgumentException, which names
     * the key, becomes a SettingsException.
     */
    public <T> T parsed(Function<Map<String, String>, T> factory) {
        Map<String, String> raw = new java.util.HashMap<>();
        values.stringPropertyNames().forEach(k -> raw.put(k, values.getProperty(k)));
        try {
            return factory.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("setting " + e.getMessage());
        }
    }

    /** A decimal number from {@code min} to {@code max}, such as a percentage ("0.1"). */
    public double decimal(String key, double min, double max) {
        String value = text(key);
        try {
            double d = Double.parseDouble(value);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new SettingsException(key, "a number from " + min + " to " + max, "'" + value + "'");
    }

    /** An ISO-8601 duration such as PT1M or P1D. */
    public Duration duration(String key) {
        String value = text(key);
        try {
            Duration d = Duration.parse(value);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below with the expected form
        }
        throw new SettingsException(key, "an ISO-8601 duration such as PT1M or P1D", "'" + value + "'");
    }

    /** A duration no shorter than {@code min}, for a period that must not spin or a lease that must hold a while. */
    public Duration duration(String key, Duration min) {
        Duration d = duration(key);
        if (d.compareTo(min) < 0) {
            throw new SettingsException(key, "an ISO-8601 duration of at least " + min, "'" + text(key) + "'");
        }
        return d;
    }

    public Path path(String key) {
        return Path.of(text(key));
    }
}

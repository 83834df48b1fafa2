package org.rebound.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the rule files are, in the order they apply: the operator's files (default {@code rules/local/*.yaml},
 * property {@code rebound.rules.local-dir}) first, so an operator's rule wins over a shipped one; then the shipped
 * files ({@code rules/*.yaml}, property {@code rebound.rules.dir}) in file-name order. When the shipped folder does
 * not exist (the jar run from another folder) the copy packed into the jar under {@code rules/} is used.
 *
 * @param shippedDir  the folder of shipped rule files
 * @param localDir    the folder of the operator's rule files, which may not exist
 */
public record RuleFiles(Path shippedDir, Path localDir) {

    public static final String DIR_PROPERTY = "rebound.rules.dir";
    public static final String LOCAL_DIR_PROPERTY = "rebound.rules.local-dir";

    /** The locations configured by system properties, or the defaults relative to the working directory. */
    public static RuleFiles configured() {
        Path shipped = Path.of(System.getProperty(DIR_PROPERTY, "rules"));
        Path local = Path.of(System.getProperty(LOCAL_DIR_PROPERTY, shipped.resolve("local").toString()));
        return new RuleFiles(shipped, local);
    }

    /** Reads every rule file, operator files first. */
    public List<RuleFile> read() {
        List<RuleFile> files = new ArrayList<>();
        for (Path p : yamlFiles(localDir)) {
            files.add(readFile(p));
        }
        if (Files.isDirectory(shippedDir)) {
            for (Path p : yamlFiles(shippedDir)) {
                files.add(readFile(p));
            }
        } else {
            files.addAll(packaged());
        }
        return files;
    }

    /**
     * A cheap summary of the files' names, sizes and modification times: when it changes, the book is re-read.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path dir : List.of(localDir, shippedDir)) {
            for (Path p : yamlFiles(dir)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    sb.append(p).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime()).append('\n');
                } catch (IOException e) {
                    sb.append(p).append(" unreadable\n");
                }
            }
        }
        return sb.toString();
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule folder " + dir, e);
        }
    }

    private static RuleFile readFile(Path p) {
        try {
            return new RuleFile(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + p, e);
        }
    }

    /** The shipped rules packed as resources under rules/ (see the pom's resources), in file-name order. */
    static List<RuleFile> packaged() {
        URL url = RuleFiles.class.getClassLoader().getResource("rules/");
        if (url == null) {
            throw new IllegalStateException("no rules folder and no rules packed in the jar");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return readAll(fs.getPath("/rules"), "jar:rules/");
            }
            return readAll(Path.of(uri), "classpath:rules/");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the rules packed in the jar", e);
        }
    }

    private static List<RuleFile> readAll(Path dir, String prefix) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        for (Path p : yamlFiles(dir)) {
            files.add(new RuleFile(prefix + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
        }
        return files;
    }
}

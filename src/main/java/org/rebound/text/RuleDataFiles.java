package org.rebound.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a data file beside the rule book is: a sub-folder of the shipped rule folder ({@code rules}, property
 * {@code rebound.rules.dir}, as for the rule files), such as {@code rules/phrases/} or {@code rules/providers/},
 * else the copy packed into the jar under {@code rules/FOLDER/}. The files have fixed names, so no folder listing
 * is needed inside the jar. (Data files live in sub-folders: every rules/*.yaml is read as a rule file.)
 *
 * @param dir    the folder on disk, which may not exist
 * @param folder the sub-folder's name, which is also its place in the jar under rules/
 */
public record RuleDataFiles(Path dir, String folder) {

    /** The sub-folder {@code folder} of the configured rule folder. */
    public static RuleDataFiles configured(String folder) {
        return new RuleDataFiles(Path.of(System.getProperty("rebound.rules.dir", "rules")).resolve(folder), folder);
    }

    /** A named file's location (for messages) and text. */
    public record Text(String name, String text) {
    }

    public Text read(String name) {
        Path onDisk = dir.resolve(name);
        String packed = "rules/" + folder + "/" + name;
        try {
            if (Files.isRegularFile(onDisk)) {
                return new Text(onDisk.toString(), Files.readString(onDisk, StandardCharsets.UTF_8));
            }
            try (InputStream in = RuleDataFiles.class.getClassLoader().getResourceAsStream(packed)) {
                if (in == null) {
                    throw new IllegalStateException("no data file " + onDisk + " and none packed in the jar");
                }
                return new Text("jar:" + packed, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + onDisk, e);
        }
    }
}

package org.rebound.dsn.phrase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the phrase files are: {@code phrases/} in the shipped rule folder ({@code rules}, property
 * {@code rebound.rules.dir}, as for the rule files), else the copy packed into the jar under {@code rules/phrases/}.
 * The files have fixed names, so no folder listing is needed inside the jar.
 *
 * @param dir the folder on disk, which may not exist
 */
public record PhraseFiles(Path dir) {

    /** The table of phrases that give a diagnostic without a code its internal status code. */
    public static final String STATUS = "status.yaml";
    /** The reporting MTAs' own fixed sentences and the status each states. */
    public static final String MTA_WORDING = "mta-wording.yaml";

    public static PhraseFiles configured() {
        return new PhraseFiles(Path.of(System.getProperty("rebound.rules.dir", "rules")).resolve("phrases"));
    }

    /** A named file's location (for messages) and text. */
    public record Text(String name, String text) {
    }

    public Text read(String name) {
        Path onDisk = dir.resolve(name);
        try {
            if (Files.isRegularFile(onDisk)) {
                return new Text(onDisk.toString(), Files.readString(onDisk, StandardCharsets.UTF_8));
            }
            try (InputStream in = PhraseFiles.class.getClassLoader().getResourceAsStream("rules/phrases/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no phrase file " + onDisk + " and none packed in the jar");
                }
                return new Text("jar:rules/phrases/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read phrase file " + onDisk, e);
        }
    }
}

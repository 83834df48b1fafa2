package org.rebound.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A path given to a command that cannot be read: a missing file, a folder that cannot be listed, a file that
 * cannot be opened. The command stops with one line that names the path, not a stack trace.
 */
public final class UnreadablePathException extends RuntimeException {

    private UnreadablePathException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * The failure of reading {@code given} or something under it; the line names the file the system named, which
     * is the file inside a folder when that is the one that failed.
     */
    static UnreadablePathException of(Path given, IOException cause) {
        String path = cause instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile()
                : given.toString();
        String why;
        if (cause instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (cause instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (cause instanceof NotDirectoryException) {
            why = "not a folder";
        } else if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason();
        } else {
            why = "cannot be read (" + cause.getMessage() + ")";
        }
        return new UnreadablePathException(path + ": " + why, cause);
    }

    /** Fails unless the path is a file that can be opened or a folder that can be listed. */
    public static void requireReadable(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.findFirst();
                }
            } else {
                try (InputStream in = Files.newInputStream(path)) {
                    in.available();
                }
            }
        } catch (IOException e) {
            throw of(path, e);
        }
    }
}

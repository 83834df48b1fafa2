package org.rebound.classify;

/** A rule file that cannot be used; the message names the file and line so an operator can fix it. */
public final class RuleBookException extends RuntimeException {

    private final String file;
    private final int line;

    public RuleBookException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public RuleBookException(String file, int line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The line in the file, counted from 1. */
    public int line() {
        return line;
    }
}

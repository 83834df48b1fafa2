package org.rebound.dsn.phrase;

/** A phrase file that cannot be used; the message names the file, the line and the entry, so an operator can fix it. */
public final class PhraseBookException extends RuntimeException {

    public PhraseBookException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    public PhraseBookException(String file, int line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
    }
}

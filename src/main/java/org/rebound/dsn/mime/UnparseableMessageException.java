package org.rebound.dsn.mime;

/** A returned message that cannot be read at all: its bytes go to the dead-letter folder with this reason. */
public class UnparseableMessageException extends Exception {

    public UnparseableMessageException(String reason) {
        super(reason);
    }

    public UnparseableMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package org.rebound.access;

import org.rebound.text.CauseChain;

/** The JSON body of a refused API call: {"error": "why"}. */
public record ApiError(String error) {

    /** The failure as a client should read it: the innermost message, which names what was wrong. */
    public static ApiError of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new ApiError(cause.getMessage() == null ? CauseChain.of(failure) : cause.getMessage());
    }
}

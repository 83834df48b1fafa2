package org.rebound.access;

/** A request that changes state came without a valid login: the API answers 401 and asks for one. */
public final class LoginRequiredException extends RuntimeException {

    public LoginRequiredException(String message) {
        super(message);
    }
}

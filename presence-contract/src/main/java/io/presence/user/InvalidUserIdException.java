package io.presence.user;

/** A user id that breaks the contract's rule; the message says what is wrong, in words a caller can act on. */
public final class InvalidUserIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidUserIdException(String whatIsWrong) {
        super(whatIsWrong);
    }
}

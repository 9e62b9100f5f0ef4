package dev.hearth.realtime.http.internal;

/** A client frame the server refuses, with the error frame that tells the client why. */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorFrame error;

    CommandException(ErrorFrame error) {
        super(error.title(), null, false, false);
        this.error = error;
    }

    ErrorFrame error() {
        return error;
    }
}

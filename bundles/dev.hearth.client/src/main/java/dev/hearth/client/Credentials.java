package dev.hearth.client;

/**
 * Where a link gets its token. {@link #refresh()} is called once when the server says the token
 * expired or is invalid; the request is then retried once with the new token.
 */
public interface Credentials {
    /** The token sent as {@code Authorization: Bearer <token>}. */
    String token();

    /** Gets a new token; false when this source cannot. */
    default boolean refresh() {
        return false;
    }

    /** A fixed token. */
    static Credentials bearer(String token) {
        return () -> token;
    }
}

package dev.hearth.move;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Moving an instance from one server to another with its user's consent, as Cozy's {@code /move}
 * routes do. On the source: a token holder asks for a move to a target ({@link #request}), the
 * user confirms it in a logged-in browser ({@link #go}), the source blocks itself, exports, and
 * hands the target a one-time link to the export; the target calls back {@link #finish} with the
 * secret of that move, after which the source answers 410 to its old clients ({@link #movedTo}),
 * or is unblocked when the move failed. On the target: {@link #precheck} and {@link #block} want an
 * empty instance; {@link #importFrom} streams the export into it, leaving it empty on failure.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s with the reason.
 */
@ProviderType
public interface Moves {
    /** Blocking reason of a source instance whose data now lives on another server. */
    String MOVED = "MOVED";
    /** Blocking reason of a source instance while it is exported for a move. */
    String MOVING = "MOVING";
    /** Blocking reason of a target instance while it is filled by an import. */
    String IMPORTING = "IMPORTING";

    /** A move asked for, waiting for the user's confirmation through {@code secret}. */
    record MoveRequest(String secret, String target, String expiresAt) {}

    /** The state of the last import of an instance: {@code none}, {@code importing}, {@code done}, {@code error}. */
    record ImportStatus(
            String state, @Nullable String source, @Nullable String error) {}

    /**
     * Records a move to the instance at {@code targetUrl}, after the target has accepted {@code
     * targetToken} and said it is empty.
     */
    MoveRequest request(String domain, String targetUrl, String targetToken);

    /**
     * Starts the confirmed move: the target is asked to block itself, the source blocks itself and
     * exports in the background, then asks the target to import. Returns the target's page to wait
     * on.
     *
     * @param sourceUrl the base URL of the source instance, as its clients reach it
     */
    String go(String domain, String sourceUrl, String secret);

    /** Whether {@code secret} is the secret of the move of {@code domain} under way. */
    boolean isMoveSecret(String domain, @Nullable String secret);

    /** Ends the move under way: marks the instance moved when {@code moved}, else unblocks it. */
    void finish(String domain, String secret, boolean moved);

    /** The address the instance moved to, or null when it has not moved. */
    @Nullable
    String movedTo(String domain);

    /** Checks that the instance can receive a move (it is empty and not importing). */
    void precheck(String domain);

    /** Blocks an empty instance for an import coming from {@code source}. */
    void block(String domain, @Nullable String source);

    /** Unblocks an instance blocked for an import that has not started. */
    void unblock(String domain);

    /**
     * Imports in the background the archive at {@code url} (a one-time export link). When it came
     * from a move, the source is told the outcome at {@code sourceUrl} with {@code sourceSecret}.
     */
    void importFrom(String domain, String url, @Nullable String sourceUrl, @Nullable String sourceSecret);

    ImportStatus importStatus(String domain);
}

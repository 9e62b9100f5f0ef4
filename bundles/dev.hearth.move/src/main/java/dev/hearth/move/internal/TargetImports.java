package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceService;
import dev.hearth.move.MoveService;
import dev.hearth.move.Moves;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's half of a move, and imports from an export link. The instance is blocked while it
 * fills (its clients get 503, nothing can be written beside the import), the archive is streamed
 * from the link into the import (which lays it out and checks every part's checksum before writing
 * anything, and undoes what it wrote when a later step fails), and the source is told the outcome.
 */
final class TargetImports {
    private static final Logger LOG = LoggerFactory.getLogger(TargetImports.class);
    private static final Moves.ImportStatus NONE = new Moves.ImportStatus("none", null, null);

    private final MoveService move;
    private final DataService data;
    private final InstanceService instances;
    private final Remote remote;
    private final Map<String, Moves.ImportStatus> status = new ConcurrentHashMap<>();

    TargetImports(MoveService move, DataService data, InstanceService instances, Remote remote) {
        this.remote = remote;
        this.move = move;
        this.data = data;
        this.instances = instances;
    }

    void precheck(String domain) {
        if (running(domain)) {
            throw ApiException.conflict("An import into this instance is under way");
        }
        Instance i = instances.get(domain);
        if (i.blocked() && Moves.MOVED.equals(i.blockingReason())) {
            throw ApiException.conflict("This instance has moved away");
        }
        if (i.blocked() && Moves.IMPORTING.equals(i.blockingReason())) {
            throw ApiException.conflict("This instance waits for an import already");
        }
        Emptiness.check(data, i.domain());
    }

    synchronized void block(String domain, @Nullable String source) {
        String own = instances.get(domain).domain();
        precheck(own);
        instances.modify(
                own,
                InstanceChanges.builder()
                        .blocked(true)
                        .blockingReason(Moves.IMPORTING)
                        .build());
        status.put(own, new Moves.ImportStatus("waiting", source, null));
    }

    synchronized void unblock(String domain) {
        String own = instances.get(domain).domain();
        if (running(own)) {
            throw ApiException.conflict("An import into this instance is under way");
        }
        if (Moves.IMPORTING.equals(instances.get(own).blockingReason())) {
            instances.modify(
                    own,
                    InstanceChanges.builder().blocked(false).blockingReason("").build());
        }
        status.remove(own);
    }

    void importFrom(String domain, String url, @Nullable String sourceUrl, @Nullable String sourceSecret) {
        remote.checkUrl(url, "url");
        String from = sourceUrl == null ? null : remote.base(sourceUrl, "move_from");
        String own = instances.get(domain).domain();
        synchronized (this) {
            Instance i = instances.get(own);
            if (!(i.blocked() && Moves.IMPORTING.equals(i.blockingReason())) || running(own)) {
                block(own, from);
            }
            status.put(own, new Moves.ImportStatus("importing", from, null));
        }
        Thread.ofVirtual().name("import-" + own).start(() -> run(own, url, from, sourceSecret));
    }

    private void run(String domain, String url, @Nullable String from, @Nullable String secret) {
        String error = null;
        try (InputStream in = remote.download(url)) {
            move.importArchive(domain, in);
        } catch (ApiException e) {
            error = e.detail();
        } catch (Exception e) {
            error = "The transfer failed: " + e.getMessage();
        }
        if (error != null) {
            LOG.warn("The import into {} from {} failed: {}", domain, from, error);
        }
        instances.modify(
                domain,
                InstanceChanges.builder().blocked(false).blockingReason("").build());
        status.put(domain, new Moves.ImportStatus(error == null ? "done" : "error", from, error));
        if (from != null && secret != null) {
            try {
                Remote.Answer a = remote.post(from + (error == null ? "/move/finalize" : "/move/abort"), secret, null);
                if (a.status() != 204) {
                    LOG.warn("The source {} answered {} at the end of the move", from, a.status());
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not tell {} how the move ended: {}", from, e.getMessage());
            }
        }
    }

    /**
     * At startup, releases the instances blocked for an import this server no longer knows (it
     * stopped while they waited or filled): an empty one is unblocked; one that holds part of an
     * import stays blocked and says so at {@code GET /move/importing}, for an administrator to
     * destroy it or unblock it ({@code PATCH /instances/:domain?Blocked=false}).
     */
    void recover() {
        for (Instance i : instances.list()) {
            if (!i.blocked() || !Moves.IMPORTING.equals(i.blockingReason())) {
                continue;
            }
            try {
                Emptiness.check(data, i.domain());
            } catch (ApiException e) {
                status.put(
                        i.domain(),
                        new Moves.ImportStatus(
                                "interrupted",
                                null,
                                "The server stopped during an import; the instance holds part of it ("
                                        + e.detail() + ") and stays blocked until an administrator destroys "
                                        + "or unblocks it"));
                LOG.warn(
                        "{} was importing when the server stopped and holds part of the import; it stays " + "blocked",
                        i.domain());
                continue;
            } catch (RuntimeException e) {
                LOG.warn("Could not tell whether {}, blocked for an import, is empty: {}", i.domain(), e.toString());
                continue;
            }
            instances.modify(
                    i.domain(),
                    InstanceChanges.builder().blocked(false).blockingReason("").build());
            LOG.warn("{} was blocked for an import the server no longer knows; it is empty and unblocked", i.domain());
        }
    }

    Moves.ImportStatus status(String domain) {
        return status.getOrDefault(instances.get(domain).domain(), NONE);
    }

    private boolean running(String domain) {
        return "importing".equals(status.getOrDefault(domain, NONE).state());
    }
}

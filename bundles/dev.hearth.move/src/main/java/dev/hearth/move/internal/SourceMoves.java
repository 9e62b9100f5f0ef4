package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.MoveService;
import dev.hearth.move.Moves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's half of a move. A request waits, in memory, for the user's confirmation; a
 * confirmed move blocks the instance (nothing written after its export may be lost), exports it,
 * and gives the target a one-time link. The target ends the move with the move's own secret:
 * the instance is then marked moved, or unblocked and usable as before.
 */
final class SourceMoves {
    private static final Logger LOG = LoggerFactory.getLogger(SourceMoves.class);
    static final String MOVED_FILE = "moved.json";

    private record Pending(String domain, String target, String token, Instant expires) {}

    /** A move under way; {@code exportId} is set once its export is recorded. */
    private static final class Underway {
        final String target;
        final String token;
        final String secret;
        volatile @Nullable String exportId;

        Underway(String target, String token, String secret) {
            this.target = target;
            this.token = token;
            this.secret = secret;
        }
    }

    private final MoveService move;
    private final InstanceService instances;
    private final JobsService jobs;
    private final Duration confirmWithin;
    private final Remote remote;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Underway> underway = new ConcurrentHashMap<>();

    SourceMoves(MoveService move, InstanceService instances, JobsService jobs, Duration confirmWithin, Remote remote) {
        this.remote = remote;
        this.move = move;
        this.instances = instances;
        this.jobs = jobs;
        this.confirmWithin = confirmWithin;
    }

    Moves.MoveRequest request(String domain, String targetUrl, String targetToken) {
        String own = instances.get(domain).domain();
        String target = remote.base(targetUrl, "target_url");
        if (URI.create(target).getRawAuthority().equalsIgnoreCase(own)) {
            throw ApiException.invalidAttribute("target_url", "The target is this instance");
        }
        if (underway.containsKey(own)) {
            throw ApiException.conflict("A move of this instance is under way");
        }
        Remote.Answer a = remote.post(target + "/move/imports/precheck", targetToken, null);
        if (a.status() == 400 || a.status() == 401 || a.status() == 403) {
            throw ApiException.invalidAttribute("target_token", "The target refused the token (" + a.status() + ")");
        }
        if (a.status() == 409) {
            throw ApiException.conflict("The target cannot receive this instance: "
                    + Remote.refused("it", a).detail());
        }
        if (a.status() != 204) {
            throw Remote.refused("The target", a);
        }
        Instant now = Instant.now();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        String secret = Ids.randomBase64Url(32);
        Instant expires = now.plus(confirmWithin);
        pending.put(secret, new Pending(own, target, targetToken, expires));
        return new Moves.MoveRequest(secret, target, expires.toString());
    }

    String go(String domain, String sourceUrl, String secret) {
        String own = instances.get(domain).domain();
        Pending p = pending.remove(secret);
        if (p == null || !p.domain().equals(own) || p.expires().isBefore(Instant.now())) {
            throw ApiException.badRequest("This move confirmation is unknown, used or expired");
        }
        Underway u = new Underway(p.target(), p.token(), Ids.randomBase64Url(32));
        if (underway.putIfAbsent(own, u) != null) {
            throw ApiException.conflict("A move of this instance is under way");
        }
        block(own, Moves.MOVING);
        String source = URLEncoder.encode(own, StandardCharsets.UTF_8);
        try {
            Remote.Answer a = remote.post(p.target() + "/move/importing?source=" + source, p.token(), null);
            if (a.status() != 204) {
                throw Remote.refused("The target", a);
            }
        } catch (RuntimeException e) {
            release(own, u);
            throw e;
        }
        Thread.ofVirtual().name("move-" + own).start(() -> transfer(own, sourceUrl, u));
        return p.target() + "/move/importing";
    }

    private void transfer(String domain, String sourceUrl, Underway u) {
        try {
            ExportInfo info = move.export(domain, 0);
            u.exportId = info.id();
            if (!ExportInfo.DONE.equals(info.state())) {
                throw new IllegalStateException("The export failed: " + info.error());
            }
            String link = sourceUrl + "/move/exports/data/" + move.downloadSecret(domain, info.id()) + "?archive=tar";
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode attributes = body.putObject("data").putObject("attributes");
            attributes.put("url", link);
            attributes.putObject("move_from").put("url", sourceUrl).put("token", u.secret);
            Remote.Answer a = remote.post(u.target + "/move/imports", u.token, body.toString());
            if (a.status() != 303 && a.status() / 100 != 2) {
                throw Remote.refused("The target", a);
            }
        } catch (RuntimeException e) {
            LOG.warn("The move of {} to {} stopped: {}", domain, u.target, e.getMessage());
            if (underway.remove(domain, u)) {
                release(domain, u);
                tellTarget(u, "/move/abort");
            }
        }
    }

    boolean isMoveSecret(String domain, @Nullable String secret) {
        Underway u = underway.get(domain);
        return u != null
                && secret != null
                && MessageDigest.isEqual(
                        u.secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    void finish(String domain, String secret, boolean moved) {
        String own = instances.get(domain).domain();
        Underway u = underway.get(own);
        if (!isMoveSecret(own, secret) || u == null || !underway.remove(own, u)) {
            throw ApiException.forbidden("This is not the secret of a move under way");
        }
        if (!moved) {
            release(own, u);
            return;
        }
        writeMovedTo(own, u.target);
        for (Trigger t : jobs.triggers(own, Set.of("konnector"), Set.of())) {
            jobs.deleteTrigger(own, t.id());
        }
        block(own, Moves.MOVED);
        deleteExport(own, u);
    }

    @Nullable
    String movedTo(String domain) {
        Path file = instances.directory(domain).resolve(MOVED_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile()).path("moved_to").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeMovedTo(String domain, String target) {
        Path dir = instances.directory(domain);
        try {
            Path tmp = dir.resolve(MOVED_FILE + ".tmp");
            Files.write(
                    tmp,
                    Json.mapper()
                            .createObjectNode()
                            .put("moved_to", target)
                            .toString()
                            .getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, dir.resolve(MOVED_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unblocks the source after a failed move and drops its export: the instance is as before. */
    private void release(String domain, Underway u) {
        underway.remove(domain, u);
        instances.modify(
                domain,
                InstanceChanges.builder().blocked(false).blockingReason("").build());
        deleteExport(domain, u);
    }

    private void deleteExport(String domain, Underway u) {
        String id = u.exportId;
        if (id != null) {
            try {
                move.deleteExport(domain, id);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the export {} of {}: {}", id, domain, e.getMessage());
            }
        }
    }

    /**
     * At startup, unblocks the instances blocked by a move this server no longer knows (it stopped
     * during the transfer): the move is over, the target was never told to finalize it.
     */
    void recover() {
        for (Instance i : instances.list()) {
            if (i.blocked() && Moves.MOVING.equals(i.blockingReason())) {
                try {
                    instances.modify(
                            i.domain(),
                            InstanceChanges.builder()
                                    .blocked(false)
                                    .blockingReason("")
                                    .build());
                    LOG.warn(
                            "{} was moving when the server stopped; the move is abandoned and it is unblocked",
                            i.domain());
                } catch (RuntimeException e) {
                    LOG.warn("Could not unblock {} after an abandoned move: {}", i.domain(), e.toString());
                }
            }
        }
    }

    private void block(String domain, String reason) {
        instances.modify(
                domain,
                InstanceChanges.builder().blocked(true).blockingReason(reason).build());
    }

    private void tellTarget(Underway u, String path) {
        try {
            remote.post(u.target + path, u.token, null);
        } catch (RuntimeException e) {
            LOG.warn("Could not tell {} about the failed move: {}", u.target, e.getMessage());
        }
    }
}

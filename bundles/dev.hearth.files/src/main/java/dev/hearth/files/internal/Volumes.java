package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Files;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The open file systems of the instances, opened on first use and closed with the service. */
final class Volumes {
    private static final Logger LOG = LoggerFactory.getLogger(Volumes.class);

    private final DataService data;
    private final InstanceService instances;
    private final BlobStore blobs;
    private final Map<String, Volume> open = new ConcurrentHashMap<>();
    /** About 1-2 KB each: a few MB for the files read most, whichever instances they are in. */
    private final ParsedDocs parsed = new ParsedDocs(4096);

    Volumes(DataService data, InstanceService instances, BlobStore blobs) {
        this.data = data;
        this.instances = instances;
        this.blobs = blobs;
    }

    Volume get(String domain) {
        String key = instances.get(domain).domain();
        return open.computeIfAbsent(key, this::openVolume);
    }

    /** The entry {@code id}, parsed once per revision and shared by readers that do not modify it. */
    ObjectNode shared(String domain, String id) {
        Volume v = get(domain);
        return parsed.get(v.domain(), v.tree(), id);
    }

    /**
     * The full path of {@code doc}: a file's directory is read as {@link #shared} reads entries,
     * parsed once per revision.
     */
    String path(String domain, ObjectNode doc) {
        Volume v = get(domain);
        return Tree.path(doc, id -> parsed.find(v.domain(), v.tree(), id));
    }

    /** The directories above {@code doc}, nearest first, each read as {@link #shared} reads entries. */
    List<String> ancestors(String domain, ObjectNode doc) {
        Volume v = get(domain);
        return Tree.ancestors(doc, id -> parsed.find(v.domain(), v.tree(), id));
    }

    void forget(String domain) {
        open.remove(domain);
        parsed.forget(domain);
    }

    /**
     * Opens the file system of an instance before its first request. A marker file says the
     * volume is in use; found at open, it means the process stopped without closing it, so the
     * staged uploads and the blobs without a document that a kill may leave are removed first.
     */
    private Volume openVolume(String domain) {
        Path marker = marker(domain);
        boolean unclean = java.nio.file.Files.exists(marker);
        try {
            int staged = blobs.cleanStaging(domain);
            Volume volume = Volume.open(
                    domain, data.database(domain, Files.DOCTYPE), data.database(domain, Versions.DOCTYPE), Docs.now());
            if (unclean) {
                int orphans = Checks.sweepOrphans(volume, blobs);
                LOG.info(
                        "'{}' was not closed: removed {} unfinished upload(s), {} orphan blob(s)",
                        domain,
                        staged,
                        orphans);
            }
            java.nio.file.Files.createDirectories(marker.getParent());
            java.nio.file.Files.writeString(marker, "in use\n");
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path marker(String domain) {
        return instances.directory(domain).resolve("files").resolve("in-use");
    }

    /** Closes every volume once its changes in flight are done: its marker goes. */
    void closeAll() {
        for (String domain : open.keySet()) {
            Volume v = open.remove(domain);
            if (v != null) {
                v.locked(() -> {
                    try {
                        java.nio.file.Files.deleteIfExists(marker(domain));
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("Cannot remove the marker of '{}': {}", domain, e.toString());
                    }
                    return null;
                });
            }
        }
    }
}

package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.instances.InstanceService;
import dev.hearth.move.ExportInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The exports of each instance: one folder per export in the instance's folder
 * ({@code exports/<id>/}), with its record ({@code export.json}), its manifest and its parts.
 * Expired exports are deleted when the exports of their instance are next looked at.
 */
final class ExportStore {
    private static final String RECORD = "export.json";

    private final InstanceService instances;

    ExportStore(InstanceService instances) {
        this.instances = instances;
    }

    Path root(String domain) {
        return instances.directory(instances.get(domain).domain()).resolve("exports");
    }

    Path dir(String domain, String id) {
        if (!id.matches("[0-9a-f]{32}")) {
            throw ApiException.notFound("Export not found");
        }
        return root(domain).resolve(id);
    }

    void save(ExportInfo info) {
        try {
            Path dir = Files.createDirectories(dir(info.domain(), info.id()));
            Path tmp = dir.resolve(RECORD + ".tmp");
            Files.write(tmp, Json.bytes(info));
            Files.move(tmp, dir.resolve(RECORD), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExportInfo load(String domain, String id) {
        Path record = dir(domain, id).resolve(RECORD);
        if (!Files.exists(record)) {
            throw ApiException.notFound("Export not found");
        }
        try {
            return Json.read(Files.readAllBytes(record), ExportInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exports of the instance, newest first; expired ones are deleted on the way. */
    List<ExportInfo> list(String domain) {
        Path root = root(domain);
        List<ExportInfo> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String id = dir.getFileName().toString();
                if (!Files.exists(dir.resolve(RECORD))) {
                    continue;
                }
                ExportInfo info = load(domain, id);
                if (Instant.parse(info.expiresAt()).isBefore(Instant.now())) {
                    delete(domain, id);
                } else {
                    out.add(info);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(ExportInfo::createdAt).reversed());
        return out;
    }

    void delete(String domain, String id) {
        deleteTree(dir(domain, id));
    }

    /** Deletes the parts of an export that failed, keeping its record. */
    void deleteParts(String domain, String id) {
        try (Stream<Path> files = Files.list(dir(domain, id))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(RECORD)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

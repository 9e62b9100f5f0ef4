package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.archive.AppArchives;
import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A tarball being published, checked the way an installation checks it: made into an app bundle
 * by the same converter (so the registry never keeps what no instance could install), then its
 * manifest and assets read from that bundle.
 *
 * @param manifest the app's manifest
 * @param type {@code webapp} or {@code konnector}
 * @param assets the assets to keep, by attachment name ({@code icon}, {@code
 *     screenshots/<path>}): their path in the app
 */
record PublishedArchive(ObjectNode manifest, String type, Map<String, String> assets, Path jar) {

    /**
     * Converts the tarball into {@code jar}.
     *
     * @throws StatusException 400 when the manifest names another slug, 422 when the archive is refused
     */
    static PublishedArchive check(Path tarball, String slug, Limits limits, Path jar) throws IOException {
        AppBundle made;
        try (InputStream in = Files.newInputStream(tarball)) {
            made = AppArchives.convert(in, slug, limits, jar);
        } catch (ArchiveException e) {
            if (e.reason() == ArchiveException.Reason.SLUG_MISMATCH) {
                throw StatusException.badRequest("Version slug does not match the application");
            }
            throw new StatusException(422, "The tarball is refused (" + e.reason() + "): " + e.getMessage());
        }
        String type = made.type().id();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("manifest." + type);
            ObjectNode manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = Json.parseObject(in.readAllBytes());
            }
            Map<String, String> assets = new LinkedHashMap<>();
            addAsset(zip, assets, "icon", manifest.path("icon"));
            addAsset(
                    zip,
                    assets,
                    "partnership_icon",
                    manifest.path("partnership").path("icon"));
            for (String shot : screenshots(manifest)) {
                addAsset(
                        zip,
                        assets,
                        "screenshots/" + shot,
                        Json.mapper().getNodeFactory().textNode(shot));
            }
            return new PublishedArchive(manifest, type, assets, jar);
        }
    }

    /** Copies the assets out of the bundle, under {@code folder}. */
    void extractAssets(Path folder) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String path : assets.values()) {
                Path target = folder.resolve(path).normalize();
                if (!target.startsWith(folder) || Files.exists(target)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(zip.getEntry(path))) {
                    Files.copy(in, target);
                }
                SafeFiles.force(target);
            }
        }
    }

    private static Set<String> screenshots(JsonNode manifest) {
        Set<String> all = new LinkedHashSet<>();
        manifest.path("screenshots").forEach(s -> all.add(s.asText()));
        manifest.path("locales").forEach(locale -> locale.path("screenshots").forEach(s -> all.add(s.asText())));
        return all;
    }

    private static void addAsset(ZipFile zip, Map<String, String> assets, String name, JsonNode path) {
        if (!path.isTextual()) {
            return;
        }
        String clean = path.asText().startsWith("/") ? path.asText().substring(1) : path.asText();
        if (clean.isEmpty() || clean.contains("..") || clean.contains("\\")) {
            return;
        }
        ZipEntry entry = zip.getEntry(clean);
        if (entry != null && !entry.isDirectory()) {
            assets.put(name, clean);
        }
    }
}

package dev.hearth.apps.internal;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.manifest.ManifestException;
import dev.hearth.apps.internal.manifest.ManifestParser;
import dev.hearth.apps.internal.manifest.SchemaFiles;
import dev.hearth.apps.internal.schema.JsonSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.Bundle;

/**
 * A started app bundle whose manifest was read and found valid: what the extender may deploy,
 * once its slug is free.
 *
 * @param folder the app's folder in the bundle: empty (the root) or ending with {@code /}
 * @param schemas the compiled JSON Schema of each doctype that has one, by doctype
 */
record AppCandidate(Bundle bundle, AppManifest manifest, String folder, Map<String, JsonSchema> schemas) {

    AppCandidate {
        schemas = Map.copyOf(schemas);
    }

    /**
     * Reads the manifest the app header names.
     *
     * @throws ManifestException when the header names no manifest file, the file is missing, or
     *     the manifest is refused
     */
    static AppCandidate read(Bundle bundle, String header) throws ManifestException {
        String path =
                AppPaths.normalize(header.trim()).filter(p -> !p.isEmpty()).orElseThrow(() -> badHeader(header));
        int slash = path.lastIndexOf('/');
        AppType type = AppType.ofManifestName(path.substring(slash + 1)).orElseThrow(() -> badHeader(header));
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw ManifestException.of(FailedAppDTO.NO_MANIFEST, "the bundle has no file '" + path + "'");
        }
        AppManifest manifest = ManifestParser.parse(readAtMostOneMore(entry, path), type);
        String folder = path.substring(0, slash + 1);
        return new AppCandidate(bundle, manifest, folder, schemas(bundle, manifest, folder));
    }

    /** The schemas of {@code <folder>schemas/}, compiled once for this bundle (one app version). */
    private static Map<String, JsonSchema> schemas(Bundle bundle, AppManifest manifest, String folder)
            throws ManifestException {
        String prefix = folder + SchemaFiles.FOLDER;
        Enumeration<String> paths = bundle.getEntryPaths(prefix);
        List<String> names = new ArrayList<>();
        while (paths != null && paths.hasMoreElements()) {
            names.add(paths.nextElement().substring(prefix.length()));
        }
        Collections.sort(names);
        return SchemaFiles.compile(manifest, names, (name, atMost) -> {
            URL url = bundle.getEntry(prefix + name);
            if (url == null) {
                throw new IOException("no such entry");
            }
            try (InputStream in = url.openStream()) {
                return in.readNBytes(atMost);
            }
        });
    }

    private static ManifestException badHeader(String header) {
        return ManifestException.of(
                FailedAppDTO.BAD_HEADER,
                "the header names '" + header + "', not the path of a manifest.webapp or manifest.konnector"
                        + " inside the bundle");
    }

    /** The manifest's bytes, one more than the limit at most, so a larger one is seen as such. */
    private static byte[] readAtMostOneMore(URL entry, String path) throws ManifestException {
        try (InputStream in = entry.openStream()) {
            return in.readNBytes(ManifestParser.MAX_BYTES + 1);
        } catch (IOException e) {
            throw ManifestException.of(
                    FailedAppDTO.NO_MANIFEST, "the manifest '" + path + "' cannot be read: " + e.getMessage());
        }
    }

    long bundleId() {
        return bundle.getBundleId();
    }

    /** The bundle's symbolic name (empty for a bundle that has none). */
    String symbolicName() {
        return Objects.requireNonNullElse(bundle.getSymbolicName(), "");
    }

    /** This app's claim on its slug. */
    SlugClaims.Claim claim() {
        return new SlugClaims.Claim(
                bundleId(), symbolicName(), bundle.getVersion(), manifest.version(), manifest.type(), manifest.slug());
    }

    /** The app's service, reading files from the bundle's entries. */
    DeployedApp deployedApp() {
        return new DeployedAppImpl(
                bundleId(), manifest, folder, bundle::getEntry, Instant.ofEpochMilli(bundle.getLastModified()));
    }

    @Override
    public String toString() {
        return manifest + " in bundle '" + symbolicName() + "' " + bundle.getVersion() + " [" + bundleId() + "]";
    }
}

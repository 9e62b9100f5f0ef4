package dev.hearth.apps.archive.internal;

import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.internal.Staging.Slice;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the app bundle: the manifest first (where {@code JarInputStream} looks for it), then
 * every directory and file in name order, all with one fixed time and no extra fields, so that
 * the same archive always gives the same bytes. The headers declare no activator and import
 * nothing: the bundle is data for the apps extender, never code.
 */
final class JarWriter {
    /** The extender the bundle waits for, in the range of its major version 1. */
    static final String REQUIRE_EXTENDER =
            "osgi.extender;filter:=\"(&(osgi.extender=dev.hearth.apps)(version>=1.0)(!(version>=2.0)))\"";

    /** Every entry's time: DOS time has no zone, and a fixed one keeps the output reproducible. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private static final int MAX_NAME_LENGTH = 200;

    private JarWriter() {}

    /** Writes {@code layout}'s files from {@code staging} into {@code jar}, with {@code app}'s headers. */
    static void write(Path jar, Layout layout, Staging staging, AppBundle app, @Nullable String name)
            throws IOException {
        Map<String, @Nullable Slice> entries = new TreeMap<>();
        layout.directories().forEach(directory -> entries.put(directory, null));
        entries.putAll(layout.files());
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(jar)))) {
            put(zip, "META-INF/");
            put(zip, JarFile.MANIFEST_NAME);
            manifest(app, layout, name).write(zip);
            for (Map.Entry<String, @Nullable Slice> entry : entries.entrySet()) {
                put(zip, entry.getKey());
                Slice slice = entry.getValue();
                if (slice != null) {
                    copy(staging.open(slice), zip);
                }
            }
        }
    }

    /** The bundle headers, in a fixed order. */
    static Manifest manifest(AppBundle app, Layout layout, @Nullable String name) {
        Manifest manifest = new Manifest();
        Attributes headers = manifest.getMainAttributes();
        headers.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.putValue("Bundle-ManifestVersion", "2");
        headers.putValue("Bundle-SymbolicName", app.symbolicName());
        headers.putValue("Bundle-Version", app.bundleVersion());
        headers.putValue("Bundle-Name", displayName(name, app.slug()));
        headers.putValue("Hearth-App", layout.type().manifestName());
        headers.putValue("Hearth-App-Version", app.version());
        headers.putValue("Hearth-App-Sha256", app.sha256());
        headers.putValue("Require-Capability", REQUIRE_EXTENDER);
        return manifest;
    }

    /** The manifest's name as a header value: one line, trimmed, shortened; the slug when blank. */
    static String displayName(@Nullable String name, String slug) {
        if (name == null) {
            return slug;
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints()
                .limit(MAX_NAME_LENGTH)
                .forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String trimmed = clean.toString().strip();
        return trimmed.isEmpty() ? slug : trimmed;
    }

    private static void put(ZipOutputStream zip, String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
    }
}

package dev.hearth.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;

/**
 * The files a run may {@code require}: paths relative to the module root, with {@code /}
 * separators and no leading slash ({@code index.js}, {@code lib/util.js},
 * {@code node_modules/x/package.json}). Nothing outside it can be loaded.
 */
@FunctionalInterface
public interface ModuleSource {
    /** The text of the file, or null when there is none. */
    @Nullable
    String read(String path);

    static ModuleSource of(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return copy::get;
    }

    /** The entries of a bundle under {@code root} (such as {@code "/"} or {@code "/konnector/"}). */
    static ModuleSource of(Bundle bundle, String root) {
        String base = root.endsWith("/") ? root : root + "/";
        return path -> {
            if (path.contains("..") || path.startsWith("/")) {
                return null;
            }
            URL entry = bundle.getEntry(base + path);
            if (entry == null || path.endsWith("/")) {
                return null;
            }
            try (InputStream in = entry.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}

package dev.hearth.itests;

import dev.hearth.apps.AppHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * An app bundle made on the fly, as an author or the installer would make one: the app header,
 * the requirement on the extender, a manifest and the app's files, as a jar in memory.
 */
final class AppBundle {
    private static final AtomicLong INSTALLS = new AtomicLong();

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private AppBundle(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        headers.put("Require-Capability", AppHeaders.REQUIRE_CAPABILITY);
    }

    /**
     * A web app in {@code www/}: its manifest (slug, version, a permission on {@code
     * io.cozy.<slug>}), an index, a script, and a file outside the app at the bundle's root.
     */
    static AppBundle webapp(String symbolicName, String version, String slug) {
        return new AppBundle(symbolicName, version)
                .header(AppHeaders.APP, "www/manifest.webapp")
                .file("www/manifest.webapp", """
                        {"slug": "%s", "name": "App %s", "version": "%s", "editor": "Hearth",
                         "permissions": {"own": {"type": "io.cozy.%s", "description": "its own documents"},
                                         "files": {"type": "io.cozy.files", "verbs": ["GET"]}}}
                        """.formatted(slug, slug, version, slug.replace('-', '_')))
                .file("www/index.html", "<!DOCTYPE html><html><body>" + slug + "</body></html>")
                .file("www/js/app.js", "console.log('" + slug + "');")
                .file("secret.txt", "not part of the app");
    }

    /** A bundle with only the given headers and files. */
    static AppBundle bare(String symbolicName, String version) {
        return new AppBundle(symbolicName, version);
    }

    AppBundle header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    AppBundle withoutHeader(String name) {
        headers.remove(name);
        return this;
    }

    AppBundle file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The jar's bytes. */
    byte[] jar() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Installs the bundle from its bytes, at a location of its own. */
    Bundle install(BundleContext context) throws BundleException {
        String location = "itest:app/" + headers.get("Bundle-SymbolicName") + "/" + INSTALLS.incrementAndGet();
        return context.installBundle(location, new ByteArrayInputStream(jar()));
    }
}

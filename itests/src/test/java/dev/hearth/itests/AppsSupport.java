package dev.hearth.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;

/**
 * Apps installed through {@code /apps} and {@code /konnectors}: archives made on the fly, the
 * calls, and where their bundles and jars end up.
 */
public abstract class AppsSupport extends LoginSupport {

    /**
     * A web app archive whose page says which version it is.
     *
     * @param permissions the manifest's {@code permissions} object
     */
    static Path webapp(String slug, String version, String permissions) {
        return archive(
                new TarGz()
                        .file(
                                slug + "/manifest.webapp",
                                "{\"name\":\"App " + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"" + version
                                        + "\",\"permissions\":" + permissions + "}")
                        .file(slug + "/index.html", "<html><body>" + slug + " " + version + "</body></html>"),
                slug);
    }

    /** A konnector archive with the given permissions. */
    static Path konnector(String slug, String version, String permissions) {
        return archive(
                new TarGz()
                        .file(
                                "manifest.konnector",
                                "{\"name\":\"Konnector " + slug + "\",\"slug\":\"" + slug + "\",\"version\":\""
                                        + version + "\",\"type\":\"konnector\",\"language\":\"node\","
                                        + "\"permissions\":" + permissions + "}")
                        .file("index.js", "console.log('" + slug + "')"),
                slug);
    }

    private static Path archive(TarGz tar, String slug) {
        try {
            return tar.writeTo(TestTemp.file(slug, ".tar.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON:API call of the instance with a bearer token. */
    static Http.Response call(String method, String url, String domain, String token) {
        return Http.method(method, url).host(domain).bearer(token).json().send();
    }

    /** {@code method /apps/...} (or {@code /konnectors/...}) on the instance. */
    Http.Response apps(String method, String pathAndQuery, String domain, String token) {
        return call(method, publicUrl() + pathAndQuery, domain, token);
    }

    /** The app's page, as a logged-in browser of the instance gets it. */
    Http.Response page(String slug, String domain, String cookie) {
        return Http.get(publicUrl() + "/")
                .host(slug + "." + domain)
                .header("Cookie", cookie)
                .send();
    }

    /** The bundles the installer made for the app, any version. */
    List<Bundle> appBundles(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .toList();
    }

    /** The jars of the app in {@code <data-dir>/apps/}. */
    List<String> appJars(String symbolicName) throws IOException {
        Path folder = Path.of(context.getProperty("hearth.data.dir"), "apps");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(symbolicName + "-") && name.endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }
}

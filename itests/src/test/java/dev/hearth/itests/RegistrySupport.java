package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Publishing to Hearth's registry on the admin endpoint, and configuring the registries of contexts. */
public abstract class RegistrySupport extends AppsSupport {
    static final String PID = "dev.hearth.apps.registries";

    /** A web app tarball whose manifest names its editor, and whose page says its version. */
    static byte[] tarball(String slug, String version, String editor, String permissions) {
        try {
            Path file = new TarGz()
                    .file(
                            slug + "-" + version + "/manifest.webapp",
                            "{\"name\":\"App " + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"" + version
                                    + "\",\"editor\":\"" + editor + "\",\"icon\":\"icon.svg\",\"permissions\":"
                                    + permissions + "}")
                    .file(slug + "-" + version + "/icon.svg", "<svg/>")
                    .file(
                            slug + "-" + version + "/index.html",
                            "<html><body>" + slug + " " + version + "</body></html>")
                    .writeTo(TestTemp.file(slug, ".tar.gz"));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new editor of Hearth's registry, and its token. */
    String editor(String name) {
        Http.Response r = adminPost("/editors?Name=" + name);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("token").asText();
    }

    /** {@code POST /registry/<slug>} as cozy-app-publish sends it. */
    Http.Response publish(String token, String slug, String version, String url, String sha256) {
        String body = "{\"editor\":\"x\",\"version\":\"" + version + "\",\"url\":\"" + url + "\",\"sha256\":\"" + sha256
                + "\",\"type\":\"webapp\"}";
        return Http.post(adminUrl() + "/registry/" + slug)
                .header("Authorization", "Token " + token)
                .header("Content-Type", "application/json")
                .body(body)
                .send();
    }

    /** Publishes a tarball served from {@code files}, and checks it was. */
    void published(LoopbackServer files, String token, String slug, String version, byte[] tarball) {
        String url = files.serve("/" + slug + "-" + version + ".tar.gz", "application/gzip", tarball);
        Http.Response r = publish(token, slug, version, url, sha256(tarball));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Sets the registries configuration, and waits until the installer and the routes are back. */
    void configure(String domain, String cli, Hashtable<String, Object> properties) throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(ref);
        Configuration configuration = admin.getConfiguration(PID, "?");
        Dictionary<String, Object> before = configuration.getProperties();
        Object stamp = System.nanoTime();
        properties.put("test.stamp", stamp);
        configuration.update(properties);
        await(() -> {
            ServiceReference<?> registries = context.getServiceReference("dev.hearth.apps.registry.Registries");
            return registries != null
                            && stamp.equals(registries.getProperty("test.stamp"))
                            && apps("GET", "/apps/", domain, cli).status() == 200
                    ? Boolean.TRUE
                    : null;
        });
        assertThat(before == null || !stamp.equals(before.get("test.stamp"))).isTrue();
    }

    /** The slugs of a registry list, in its order. */
    static java.util.List<String> slugs(Http.Response list) {
        java.util.List<String> slugs = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode json = list.json();
        (json.isArray() ? json : json.path("data"))
                .forEach(app -> slugs.add(app.path("slug").asText()));
        return slugs;
    }

    /** Files left in {@code <data-dir>/downloads/}. */
    long downloadsLeft() throws IOException {
        Path folder = Path.of(context.getProperty("hearth.data.dir"), "downloads");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}

package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.archive.Limits;
import dev.hearth.apps.internal.registry.Downloads.Downloaded;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.apps.registry.RegistryPublishing;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Hearth's own registry, in {@code <data-dir>/registry/} (the layout of {@link FolderRegistry}):
 * editors publish versions to it as to cozy-apps-registry, and the registries of a context name
 * it {@code hearth:}. A version is written whole in a folder of its own then moved into place, so
 * a crash leaves it published or absent, never half there.
 */
@Component(service = {RegistryPublishing.class, RegistryStore.class})
public final class RegistryStore extends FolderRegistry implements RegistryPublishing {
    static final String INVALID_SLUG =
            "Invalid application slug: should contain only lowercase alphanumeric characters and dashes";
    static final String INVALID_VERSION =
            "Invalid version: the following fields are missing or erroneous: version, url, sha256";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern TARBALL = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Editors editors;
    private final Downloads downloads;
    private final Limits limits;

    @Activate
    public RegistryStore(@Reference InstanceService instances, @Reference Downloads downloads) {
        super(instances.dataDirectory().resolve("registry"));
        this.editors = new Editors(instances.dataDirectory().resolve("registry-editors.json"));
        this.downloads = downloads;
        this.limits = Limits.defaults().withMaxCompressedBytes(downloads.maxBytes());
        try {
            Files.createDirectories(root);
            // What a publication cut short by a crash left behind.
            try (var left = Files.newDirectoryStream(root, "{.incoming-*,.check-*}")) {
                for (Path p : left) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the registry in " + root, e);
        }
    }

    @Override
    public RegistryAnswer get(List<String> path, Map<String, String> query, String baseUrl) {
        return new LocalRoutes(this, baseUrl).get(path, query);
    }

    @Override
    public String addEditor(String name) {
        if (!Editors.isValidName(name)) {
            throw StatusException.badRequest("Invalid editor name: letters, digits, spaces, '.', '_' and '-'");
        }
        return editors.add(name);
    }

    @Override
    public List<String> editors() {
        return editors.names();
    }

    @Override
    public Optional<String> editorOf(String token) {
        return editors.of(token);
    }

    @Override
    public synchronized ObjectNode createApp(String slug, String type, String editor) {
        checkSlug(slug);
        if (!type.equals("webapp") && !type.equals("konnector")) {
            throw StatusException.badRequest("Invalid application type: should be \"webapp\" or \"konnector\"");
        }
        if (editor.isBlank()) {
            throw StatusException.badRequest("Invalid application editor: it is empty");
        }
        if (appRecord(slug).isPresent()) {
            throw new StatusException(409, "Application already exists");
        }
        return writeApp(slug, type, editor);
    }

    @Override
    public synchronized void maintenance(String slug, @Nullable ObjectNode options) {
        ObjectNode app = appRecord(slug).orElseThrow(() -> StatusException.notFound(LocalRoutes.APP_NOT_FOUND));
        if (options == null) {
            app.remove("maintenance_activated");
            app.remove("maintenance_options");
        } else {
            app.put("maintenance_activated", true);
            app.set("maintenance_options", options);
        }
        try {
            SafeFiles.write(root.resolve(slug).resolve(APP), Json.bytes(app));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the app " + slug, e);
        }
    }

    @Override
    public ObjectNode publish(@Nullable String editor, String slug, ObjectNode body, String baseUrl) {
        checkSlug(slug);
        Optional<ObjectNode> app = appRecord(slug);
        String owner = app.map(a -> a.path("editor").asText())
                .orElse(editor != null ? editor : body.path("editor").asText());
        if (editor != null && !editor.equals(owner)) {
            throw StatusException.unauthorized("Token could not be verified");
        }
        if (owner.isBlank()) {
            throw StatusException.badRequest("Invalid application editor: it is empty");
        }
        String given = LocalRoutes.stripV(body.path("version").asText());
        // The operator may leave the version out: the manifest's is taken.
        boolean fromManifest = given.isEmpty() && editor == null;
        String sha256 = body.path("sha256").asText();
        URI url = url(body.path("url"));
        if (!(fromManifest || RegistryVersions.isValid(given))
                || url == null
                || !SHA256.matcher(sha256).matches()) {
            throw StatusException.badRequest(INVALID_VERSION);
        }
        checkNew(slug, given);
        try (Downloaded tarball = download(url, sha256, editor == null)) {
            Path jar = Files.createTempFile(root, ".check-", ".jar");
            try {
                PublishedArchive archive = PublishedArchive.check(tarball.file(), slug, limits, jar);
                String version =
                        fromManifest ? archive.manifest().path("version").asText() : given;
                if (!RegistryVersions.isValid(version)) {
                    throw StatusException.badRequest(INVALID_VERSION);
                }
                checkNew(slug, version);
                checkManifest(archive, app, version);
                return store(slug, version, owner, archive, tarball, tarballName(url, slug), baseUrl);
            } finally {
                Files.deleteIfExists(jar);
            }
        } catch (DownloadException e) {
            throw downloadError(e, url);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish " + slug + " " + given, e);
        }
    }

    private void checkNew(String slug, String version) {
        if (!version.isEmpty() && version(slug, version).isPresent()) {
            throw new StatusException(409, "Version already exists");
        }
    }

    private Downloaded download(URI url, String sha256, boolean operator) throws IOException {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            if (!operator) {
                throw StatusException.badRequest("Only the server's operator may publish from a file URL");
            }
            return downloads.copy(Path.of(url), sha256);
        }
        return downloads.fetch(url, sha256);
    }

    private static StatusException downloadError(DownloadException e, URI url) {
        return switch (e.kind()) {
            case UNREACHABLE, TIMEOUT ->
                new StatusException(422, "Could not reach version on specified url " + url + ": " + e.getMessage());
            case TOO_LARGE -> new StatusException(422, "Application is larger than max allowed: " + e.getMessage());
            case CHECKSUM -> new StatusException(422, e.getMessage());
        };
    }

    /** What the registry checks in the manifest: an editor, the same X.Y.Z, the app's type. */
    private static void checkManifest(PublishedArchive archive, Optional<ObjectNode> app, String version) {
        JsonNode manifest = archive.manifest();
        if (manifest.path("editor").asText().isBlank()) {
            throw new StatusException(422, "The manifest has no editor");
        }
        String core = RegistryVersions.core(manifest.path("version").asText());
        if (!core.equals(RegistryVersions.core(version))) {
            throw new StatusException(
                    422, "The manifest's version " + manifest.path("version").asText() + " does not match " + version);
        }
        if (app.isPresent() && !app.get().path("type").asText().equals(archive.type())) {
            throw new StatusException(
                    422, "The application is a " + app.get().path("type").asText());
        }
    }

    private synchronized ObjectNode store(
            String slug,
            String version,
            String owner,
            PublishedArchive archive,
            Downloaded tarball,
            String name,
            String baseUrl)
            throws IOException {
        if (version(slug, version).isPresent()) {
            throw new StatusException(409, "Version already exists");
        }
        Path incoming = Files.createTempDirectory(root, ".incoming-");
        try {
            Files.copy(tarball.file(), incoming.resolve(name));
            SafeFiles.force(incoming.resolve(name));
            archive.extractAssets(incoming.resolve(ASSETS));
            ObjectNode stored = versionDocument(slug, version, owner, archive, tarball, name);
            SafeFiles.write(incoming.resolve(VERSION), Json.bytes(stored));
            if (appRecord(slug).isEmpty()) {
                writeApp(slug, archive.type(), owner);
            }
            Files.move(incoming, root.resolve(slug).resolve(version), StandardCopyOption.ATOMIC_MOVE);
            SafeFiles.forceFolder(root.resolve(slug));
            return new LocalRoutes(this, baseUrl).withUrl(stored);
        } finally {
            deleteTree(incoming);
        }
    }

    private static ObjectNode versionDocument(
            String slug, String version, String owner, PublishedArchive archive, Downloaded tarball, String name)
            throws IOException {
        ObjectNode v = Json.mapper().createObjectNode();
        if (archive.assets().isEmpty()) {
            v.putNull("attachments");
        } else {
            ObjectNode attachments = v.putObject("attachments");
            archive.assets().forEach(attachments::put);
        }
        v.put("slug", slug);
        v.put("editor", owner);
        v.put("type", archive.type());
        v.put("version", version);
        v.set("manifest", archive.manifest());
        v.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        v.put("url", "/registry/" + slug + "/" + version + "/tarball/" + name);
        v.put("size", String.valueOf(Files.size(tarball.file())));
        v.put("sha256", tarball.sha256());
        v.put("tar_prefix", "");
        return v;
    }

    private ObjectNode writeApp(String slug, String type, String editor) {
        ObjectNode app = Json.mapper().createObjectNode();
        app.put("slug", slug);
        app.put("type", type);
        app.put("editor", editor);
        app.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        try {
            Files.createDirectories(root.resolve(slug));
            SafeFiles.write(root.resolve(slug).resolve(APP), Json.bytes(app));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app " + slug, e);
        }
        return app;
    }

    private static @Nullable URI url(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.asText());
            return uri.getScheme() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String tarballName(URI url, String slug) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return TARBALL.matcher(name).matches() && !name.startsWith(".") && !name.equals(VERSION) && !name.equals(ASSETS)
                ? name
                : slug + ".tar.gz";
    }

    private static void checkSlug(String slug) {
        if (!isSlug(slug)) {
            throw StatusException.badRequest(INVALID_SLUG);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

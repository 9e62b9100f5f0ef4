package dev.hearth.apps.internal.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installs apps on instances: the archive becomes (or finds) its app bundle in the {@link
 * AppRepository}, then the instance gets the app's grant and its document, in that order, so an
 * app is never listed without its bundle and permissions.
 */
@Component
public final class AppInstaller implements AppInstallations {
    static final String ALREADY_INSTALLED = "Application with same slug already exists";
    static final String NOT_INSTALLED = "Application is not installed";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,63}");

    private final AppRepository repository;
    private final AppPermissions grants;
    private final DataService data;

    @Activate
    public AppInstaller(
            @Reference AppRepository repository, @Reference AppPermissions grants, @Reference DataService data) {
        this.repository = repository;
        this.grants = grants;
        this.data = data;
    }

    @Override
    public Optional<Installation> find(String domain, AppType type, String slug) {
        return InstallationDocs.find(db(domain, type), type, slug);
    }

    @Override
    public List<Installation> list(String domain, AppType type) {
        return InstallationDocs.all(db(domain, type), type);
    }

    @Override
    public Installation install(String domain, AppType type, String slug, String source) {
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.invalidParameter("slug", "Invalid slug");
        }
        Database db = db(domain, type);
        if (InstallationDocs.find(db, type, slug).isPresent()) {
            throw ApiException.conflict(ALREADY_INSTALLED);
        }
        DeployedApp app;
        try (InputStream archive = open(source)) {
            app = repository.deploy(archive, slug);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (app.manifest().type() != type) {
            throw ApiException.badRequest("[" + slug + "] Manifest type is not valid for a " + type.value());
        }
        grants.grant(domain, audience(type), slug, app.manifest().permissions());
        ObjectNode doc = InstallationDocs.create(app.manifest(), source, InstallState.READY, Instant.now());
        return InstallationDocs.save(db, type, doc);
    }

    @Override
    public Installation uninstall(String domain, AppType type, String slug) {
        Database db = db(domain, type);
        Installation installed =
                InstallationDocs.find(db, type, slug).orElseThrow(() -> ApiException.notFound(NOT_INSTALLED));
        InstallationDocs.delete(db, installed);
        grants.revoke(domain, audience(type), slug);
        return installed;
    }

    /** The archive a source names: only {@code file:} archives for now. */
    private static InputStream open(String source) throws IOException {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + source);
        }
        if (!"file".equals(uri.getScheme())) {
            throw ApiException.invalidParameter("Source", "Unsupported source scheme " + uri.getScheme());
        }
        Path file = Path.of(uri);
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("Application manifest is not reachable");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("Application manifest is not reachable");
        }
    }

    private static Audience audience(AppType type) {
        return type == AppType.WEBAPP ? Audience.APP : Audience.KONNECTOR;
    }

    private Database db(String domain, AppType type) {
        return data.database(domain, type == AppType.WEBAPP ? Doctypes.APPS : Doctypes.KONNECTORS);
    }
}

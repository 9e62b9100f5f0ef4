package dev.hearth.apps.internal.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.apps.InstallationListener;
import dev.hearth.apps.internal.install.AppRepository.AppVersion;
import dev.hearth.apps.internal.install.UpdateDecision.Side;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.auth.PermissionSet;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.realtime.RealtimeHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Installs, updates and uninstalls apps on instances. The archive becomes (or finds) its app
 * version in the {@link AppRepository}, recorded as used by the instance, then the instance gets
 * the app's grant and its document, in that order, so an app is never listed without its bundle
 * and permissions; the version the instance leaves is released last. Operations on one app of one
 * instance are serialized, as cozy-stack takes a lock per app and instance. The {@link
 * InstallationListener}s are told of an install, update or uninstall before its document is
 * written or deleted, so what they make (the triggers of a webapp's services) is there when the
 * operation answers, as in cozy-stack; one that refuses fails the operation, undone.
 */
@Component
public final class AppInstaller implements AppInstallations {
    static final String ALREADY_INSTALLED = "Application with same slug already exists";
    static final String NOT_INSTALLED = "Application is not installed";
    private static final int STRIPES = 64;

    private final AppRepository repository;
    private final ArchiveSources sources;
    private final AppPermissions grants;
    private final DataService data;
    private final InstallEvents events;
    private final InstallHooks hooks = new InstallHooks();
    private final KnownInstallations known = new KnownInstallations();
    private final Object[] locks = new Object[STRIPES];

    @Activate
    public AppInstaller(
            @Reference AppRepository repository,
            @Reference ArchiveSources sources,
            @Reference AppPermissions grants,
            @Reference DataService data,
            @Reference RealtimeHub hub) {
        this.events = new InstallEvents(hub);
        this.repository = repository;
        this.sources = sources;
        this.grants = grants;
        this.data = data;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(InstallationListener listener) {
        hooks.add(listener);
    }

    void removeListener(InstallationListener listener) {
        hooks.remove(listener);
    }

    @Override
    public Optional<Installation> find(String domain, AppType type, String slug) {
        return known.find(db(domain, type), domain, type, slug);
    }

    @Override
    public List<Installation> list(String domain, AppType type) {
        return InstallationDocs.all(db(domain, type), type);
    }

    @Override
    public Installation install(String domain, AppType type, String slug, String source) {
        checkSlug(slug);
        synchronized (lock(domain, type, slug)) {
            Database db = db(domain, type);
            if (InstallationDocs.find(db, type, slug).isPresent()) {
                throw ApiException.conflict(ALREADY_INSTALLED);
            }
            events.installing(domain, type, slug, source);
            AppVersion version;
            try {
                version = acquire(domain, type, slug, source);
            } catch (RuntimeException e) {
                ObjectNode app = Json.mapper().createObjectNode();
                app.put("_id", InstallationDocs.id(type, slug));
                app.put("slug", slug);
                app.put("source", source);
                events.errored(domain, type, app, String.valueOf(e.getMessage()));
                throw e;
            }
            try {
                return create(domain, type, slug, source, version);
            } catch (RuntimeException e) {
                repository.release(version.jar(), domain);
                throw e;
            }
        }
    }

    /** Grants the app its permissions, tells the listeners and writes the document, or undoes it all. */
    private Installation create(String domain, AppType type, String slug, String source, AppVersion version) {
        AppManifest manifest = version.app().manifest();
        grants.grant(domain, audience(type), slug, manifest.permissions());
        try {
            hooks.installed(domain, type, slug, manifest);
            try {
                return save(
                        domain,
                        type,
                        InstallationDocs.create(
                                manifest, source, version.checksum(), InstallState.READY, Instant.now()));
            } catch (RuntimeException e) {
                hooks.undoInstall(domain, type, slug);
                throw e;
            }
        } catch (RuntimeException e) {
            grants.revoke(domain, audience(type), slug);
            throw e;
        }
    }

    @Override
    public Installation update(
            String domain, AppType type, String slug, @Nullable String source, boolean permissionsAcked) {
        checkSlug(slug);
        synchronized (lock(domain, type, slug)) {
            Installation installed = find(domain, type, slug).orElseThrow(() -> ApiException.notFound(NOT_INSTALLED));
            String from = source == null || source.isBlank() ? installed.source() : source;
            if (from.isBlank()) {
                throw ApiException.badRequest("Missing source");
            }
            events.upgrading(domain, type, installed.document());
            AppVersion offered;
            try {
                offered = acquire(domain, type, slug, from);
            } catch (RuntimeException e) {
                events.errored(domain, type, installed.document(), String.valueOf(e.getMessage()));
                throw e;
            }
            String current = AppRepository.jarName(type, slug, installed.version());
            UpdateDecision decision;
            Installation result;
            try {
                decision = decide(domain, type, slug, installed, offered, permissionsAcked);
                result = switch (decision) {
                    case UNCHANGED -> {
                        events.unchanged(domain, type, installed.document());
                        yield installed;
                    }
                    case AWAIT_PERMISSIONS -> announce(domain, type, installed, offered, from);
                    case UPDATE -> moveTo(domain, type, slug, installed, offered, from);
                };
            } catch (RuntimeException e) {
                releaseUnless(offered.jar(), current, domain);
                events.errored(domain, type, installed.document(), String.valueOf(e.getMessage()));
                throw e;
            }
            if (decision == UpdateDecision.UPDATE) {
                releaseUnless(current, offered.jar(), domain);
            } else {
                releaseUnless(offered.jar(), current, domain);
            }
            return result;
        }
    }

    @Override
    public Installation uninstall(String domain, AppType type, String slug) {
        synchronized (lock(domain, type, slug)) {
            Database db = db(domain, type);
            Installation installed =
                    InstallationDocs.find(db, type, slug).orElseThrow(() -> ApiException.notFound(NOT_INSTALLED));
            AppManifest previous = deployedManifest(type, slug, installed.version());
            hooks.uninstalled(domain, type, slug, previous);
            try {
                InstallationDocs.delete(db, installed);
                known.deleted(domain, type, slug);
            } catch (RuntimeException e) {
                hooks.undoUpdate(domain, type, slug, previous);
                throw e;
            }
            grants.revoke(domain, audience(type), slug);
            if (AppRepository.isValidSlug(slug)) {
                repository.release(AppRepository.jarName(type, slug, installed.version()), domain);
            }
            return installed;
        }
    }

    /** What the update does: the installed side is the instance's grant, the offered one the manifest's. */
    private UpdateDecision decide(
            String domain,
            AppType type,
            String slug,
            Installation installed,
            AppVersion offered,
            boolean permissionsAcked) {
        PermissionSet granted = grants.of(domain, audience(type), slug).orElseGet(PermissionSet::empty);
        AppManifest next = offered.app().manifest();
        return UpdateDecision.decide(
                new Side(installed.version(), installed.checksum(), granted),
                new Side(next.version(), offered.checksum(), next.permissions()),
                permissionsAcked);
    }

    /** Names the version that waits for its permissions in the document, unless it already does. */
    private Installation announce(String domain, AppType type, Installation installed, AppVersion next, String source) {
        String version = next.app().manifest().version();
        if (installed.availableVersion().equals(Optional.of(version))
                && installed.source().equals(source)) {
            events.unchanged(domain, type, installed.document());
            return installed;
        }
        return save(domain, type, InstallationDocs.awaiting(installed, version, source));
    }

    /** Grants the new version's permissions and writes its document; the old grant is back on failure. */
    private Installation moveTo(
            String domain, AppType type, String slug, Installation installed, AppVersion next, String source) {
        Audience audience = audience(type);
        Optional<PermissionSet> before = grants.of(domain, audience, slug);
        AppManifest manifest = next.app().manifest();
        AppManifest previous = deployedManifest(type, slug, installed.version());
        grants.grant(domain, audience, slug, manifest.permissions());
        try {
            hooks.updated(domain, type, slug, manifest, previous);
            try {
                return save(
                        domain,
                        type,
                        InstallationDocs.updated(installed, manifest, source, next.checksum(), Instant.now()));
            } catch (RuntimeException e) {
                hooks.undoUpdate(domain, type, slug, previous);
                throw e;
            }
        } catch (RuntimeException e) {
            before.ifPresentOrElse(
                    grant -> grants.grant(domain, audience, slug, grant), () -> grants.revoke(domain, audience, slug));
            throw e;
        }
    }

    /** The manifest of the installed version, while its bundle is deployed. */
    private @Nullable AppManifest deployedManifest(AppType type, String slug, String version) {
        if (!AppRepository.isValidSlug(slug)) {
            return null;
        }
        try {
            return repository
                    .app(AppRepository.jarName(type, slug, version), slug)
                    .map(DeployedApp::manifest)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The app version of the source, recorded as used by the instance from now on. */
    private AppVersion acquire(String domain, AppType type, String slug, String source) {
        try (ArchiveSources.Archive archive = sources.open(domain, source);
                InputStream in = archive.stream()) {
            return repository.acquire(in, type, slug, domain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases {@code jar} unless it is {@code kept}, the version the instance goes on using. */
    private void releaseUnless(String jar, String kept, String domain) {
        if (!jar.equals(kept)) {
            repository.release(jar, domain);
        }
    }

    private Object lock(String domain, AppType type, String slug) {
        int hash = (domain.toLowerCase(Locale.ROOT) + "/" + type + "/" + slug).hashCode();
        return locks[Math.floorMod(hash, STRIPES)];
    }

    private static void checkSlug(String slug) {
        if (!AppRepository.isValidSlug(slug)) {
            throw ApiException.invalidParameter("slug", "Invalid slug");
        }
    }

    private static Audience audience(AppType type) {
        return type == AppType.WEBAPP ? Audience.APP : Audience.KONNECTOR;
    }

    /** Writes an installation's document, and keeps the installation it now is. */
    private Installation save(String domain, AppType type, ObjectNode doc) {
        Installation saved = InstallationDocs.save(db(domain, type), type, doc);
        known.written(domain, saved);
        return saved;
    }

    private Database db(String domain, AppType type) {
        return InstallationDocs.database(data, domain, type);
    }
}

package dev.hearth.console.internal;

import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.HearthException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console's Apps page does with a form: install an app on an instance from an archive
 * on the server's disk, or remove an app from an instance. The installation is the same as the
 * command line's ({@code POST /apps/:slug} with a {@code file:} source): the admin, like the
 * operator at the command line, may name a file of the server.
 */
final class AppActions {
    private static final Logger LOG = LoggerFactory.getLogger(AppActions.class);

    private final AppInstallations installations;

    AppActions(AppInstallations installations) {
        this.installations = installations;
    }

    /**
     * Runs one form action.
     *
     * @param type {@code webapp} or {@code konnector}
     * @param path for an installation, the absolute path of the archive on the server
     * @return the message for the admin's page
     */
    String perform(
            @Nullable String action,
            @Nullable String domain,
            @Nullable String type,
            @Nullable String slug,
            @Nullable String path) {
        String target = domain == null ? "" : domain.trim();
        String app = slug == null ? "" : slug.trim();
        try {
            AppType kind = AppType.ofValue(String.valueOf(type)).orElse(null);
            if (kind == null) {
                return "Unknown app type";
            }
            return switch (String.valueOf(action)) {
                case "install" -> install(target, kind, app, path);
                case "remove" -> remove(target, kind, app);
                default -> "Unknown action";
            };
        } catch (HearthException | UncheckedIOException e) {
            LOG.info("Console: {} of app '{}' on instance '{}' failed: {}", action, app, target, e.getMessage());
            return "Failed: " + e.getMessage();
        }
    }

    private String install(String domain, AppType type, String slug, @Nullable String path) {
        Path archive;
        try {
            archive = path == null ? null : Path.of(path.trim());
        } catch (InvalidPathException e) {
            archive = null;
        }
        if (archive == null || !archive.isAbsolute()) {
            return "Failed: give the absolute path of an archive on the server";
        }
        String source = archive.normalize().toUri().toString();
        Installation installed = installations.install(domain, type, slug, source);
        LOG.info("Console: {} '{}' {} installed on instance '{}'", type.value(), slug, installed.version(), domain);
        return "Installed " + slug + " " + installed.version() + " on " + domain;
    }

    private String remove(String domain, AppType type, String slug) {
        installations.uninstall(domain, type, slug);
        LOG.info("Console: {} '{}' removed from instance '{}'", type.value(), slug, domain);
        return "Removed " + slug + " from " + domain;
    }
}

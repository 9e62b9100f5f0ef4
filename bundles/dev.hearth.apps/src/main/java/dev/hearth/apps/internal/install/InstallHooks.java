package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallationListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link InstallationListener}s the installer tells of its work. Telling them is all or
 * nothing, as cozy-stack fails an install whose service triggers cannot be made: when one listener
 * throws, what the others were told is undone (best effort, logged) and the exception goes to the
 * caller.
 */
final class InstallHooks {
    private static final Logger LOG = LoggerFactory.getLogger(InstallHooks.class);

    private final List<InstallationListener> listeners = new CopyOnWriteArrayList<>();

    void add(InstallationListener listener) {
        listeners.add(listener);
    }

    void remove(InstallationListener listener) {
        listeners.remove(listener);
    }

    /** Tells of an install; when a listener refuses, the install is undone on every listener. */
    void installed(String domain, AppType type, String slug, AppManifest manifest) {
        try {
            listeners.forEach(l -> l.installed(domain, type, slug, manifest));
        } catch (RuntimeException e) {
            undoInstall(domain, type, slug);
            throw e;
        }
    }

    /** Tells of an update; when a listener refuses, every listener goes back to {@code previous}. */
    void updated(String domain, AppType type, String slug, AppManifest manifest, @Nullable AppManifest previous) {
        try {
            listeners.forEach(l -> l.updated(domain, type, slug, manifest));
        } catch (RuntimeException e) {
            undoUpdate(domain, type, slug, previous);
            throw e;
        }
    }

    /** Tells of an uninstall; when a listener refuses, every listener goes back to {@code previous}. */
    void uninstalled(String domain, AppType type, String slug, @Nullable AppManifest previous) {
        try {
            listeners.forEach(l -> l.uninstalled(domain, type, slug));
        } catch (RuntimeException e) {
            undoUpdate(domain, type, slug, previous);
            throw e;
        }
    }

    /** Undoes an install the listeners were told of. */
    void undoInstall(String domain, AppType type, String slug) {
        quietly(slug, domain, l -> l.uninstalled(domain, type, slug));
    }

    /** Puts the listeners back to the manifest of the version the app stays at, when it is known. */
    void undoUpdate(String domain, AppType type, String slug, @Nullable AppManifest previous) {
        if (previous == null) {
            LOG.warn("The listeners of {} on '{}' cannot be put back: its version is not deployed", slug, domain);
            return;
        }
        quietly(slug, domain, l -> l.updated(domain, type, slug, previous));
    }

    private void quietly(String slug, String domain, Consumer<InstallationListener> call) {
        for (InstallationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Cannot undo the change of {} on '{}' in {}", slug, domain, listener, e);
            }
        }
    }
}

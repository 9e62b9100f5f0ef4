package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installations last read or written, per instance, type and slug: every request to an app's
 * host asks for its installation, and parsing the whole document (the app's manifest) each time
 * was a fifth of the cost of serving an asset. The document's current revision is still read on
 * each ask, and the installation kept is answered only while its revision is the current one, so
 * a write by anyone (another process over the same store, an import) is seen at once; the
 * installer also puts what it writes here and drops what it deletes.
 */
final class KnownInstallations {
    /** Installations kept; past that many, the cache starts over. */
    static final int MAX_KEPT = 1024;

    private record Key(String domain, AppType type, String slug) {}

    private final Map<Key, Installation> known = new ConcurrentHashMap<>();

    Optional<Installation> find(Database db, String domain, AppType type, String slug) {
        Key key = new Key(domain, type, slug);
        Revision current;
        try {
            current = db.get(InstallationDocs.id(type, slug), null, false);
        } catch (CouchException e) {
            if (e.status() == 404) {
                known.remove(key);
                return Optional.empty();
            }
            throw e;
        }
        Installation kept = known.get(key);
        if (kept != null && kept.rev().equals(current.rev())) {
            return Optional.of(kept);
        }
        Installation read = InstallationDocs.of(type, Documents.json(current));
        keep(key, read);
        return Optional.of(read);
    }

    /** An installation just written, with its new revision. */
    void written(String domain, Installation installation) {
        keep(new Key(domain, installation.type(), installation.slug()), installation);
    }

    void deleted(String domain, AppType type, String slug) {
        known.remove(new Key(domain, type, slug));
    }

    int size() {
        return known.size();
    }

    private void keep(Key key, Installation installation) {
        if (known.size() >= MAX_KEPT) {
            known.clear();
        }
        known.put(key, installation);
    }
}

package dev.hearth.move.internal;

import java.util.Set;

/**
 * Where things are in the parts of an archive. Documents and contents follow the layout of Cozy's
 * exports; what only Hearth writes (other leaves of the revision trees, local documents, the
 * settings) is under {@code My Cozy/Hearth/}, which Cozy's importer passes over.
 */
final class Layout {
    static final String DATA = "My Cozy/Data/";
    static final String FILES = "My Cozy/Files/";
    static final String REVS = "My Cozy/Hearth/revs/";
    static final String LOCAL = "My Cozy/Hearth/local/";
    static final String SETTINGS = "My Cozy/Hearth/settings.json";

    static final String FILES_DOCTYPE = "io.cozy.files";
    static final String VERSIONS_DOCTYPE = "io.cozy.files.versions";
    static final String APPS = "io.cozy.apps";
    static final String KONNECTORS = "io.cozy.konnectors";
    static final String PERMISSIONS = "io.cozy.permissions";

    /**
     * Doctypes never exported nor imported: sessions, OAuth clients and codes, confirmations (secrets
     * and tokens bound to the server), jobs (a history of runs, bound to the server's queues) and
     * exports themselves.
     */
    static final Set<String> EXCLUDED = Set.of(
            "io.cozy.sessions",
            "io.cozy.sessions.logins",
            "io.cozy.oauth.clients",
            "io.cozy.oauth.access_codes",
            "io.cozy.auth.confirmations",
            "io.cozy.remote.secrets",
            "io.cozy.jobs",
            "io.cozy.jobs.events",
            "io.cozy.exports",
            "io.cozy.bitwarden.ciphers",
            "io.cozy.bitwarden.folders",
            "io.cozy.bitwarden.profiles",
            "io.cozy.bitwarden.organizations",
            "io.cozy.bitwarden.contacts");

    private Layout() {}

    /** Whether a permission document is a grant of an app or konnector (the rest are tokens). */
    static boolean isAppGrant(String id) {
        return id.startsWith(APPS + "/") || id.startsWith(KONNECTORS + "/");
    }
}

package dev.hearth.itests.fuzz;

import static dev.hearth.itests.fuzz.BodyKind.*;
import static dev.hearth.itests.fuzz.Route.Endpoint.ADMIN;
import static dev.hearth.itests.fuzz.Route.Endpoint.PUBLIC;
import static dev.hearth.itests.fuzz.Route.Kind.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of both endpoints, with what it answers and reads (cozy-api.md 1.4, 2.1, 2.2,
 * 2.3, 2.4, 2.8, 2.10, 2.12). The websocket upgrade of {@code /realtime/} has its own fuzzer; its plain GET
 * is here. A route missing from this list is a route nobody fuzzes, so new routes belong here.
 */
final class RouteCatalog {
    static final List<String> ALL_DOCS = List.of(
            "startkey",
            "endkey",
            "start_key",
            "end_key",
            "startkey_docid",
            "endkey_docid",
            "key",
            "keys",
            "limit",
            "skip",
            "include_docs",
            "descending",
            "inclusive_end",
            "conflicts",
            "DesignDocs",
            "Fields");
    static final List<String> CHANGES = List.of(
            "since",
            "limit",
            "descending",
            "include_docs",
            "style",
            "feed",
            "heartbeat",
            "timeout",
            "conflicts",
            "seq_interval",
            "_nonce");
    static final List<String> INSTANCE_PARAMS = List.of(
            "Domain",
            "Locale",
            "Email",
            "PublicName",
            "Passphrase",
            "ContextName",
            "DiskQuota",
            "Timezone",
            "UUID",
            "KdfIterations",
            "OnboardingFinished");
    static final List<String> MODIFY_PARAMS = List.of(
            "Locale",
            "Email",
            "PublicName",
            "Timezone",
            "ContextName",
            "UUID",
            "DiskQuota",
            "Blocked",
            "BlockingReason",
            "OnboardingFinished",
            "AuthMode");

    private static final List<Route> ROUTES = build();

    private RouteCatalog() {}

    static List<Route> all() {
        return ROUTES;
    }

    private static List<Route> build() {
        List<Route> r = new ArrayList<>();
        // Server-wide and pages
        add(r, PUBLIC, "GET", "/status", "status", JSON, NONE);
        add(r, PUBLIC, "HEAD", "/status", "status", JSON, NONE);
        add(r, PUBLIC, "GET", "/version", "status", JSON, NONE);
        add(r, PUBLIC, "GET", "/", "auth", PAGE, NONE, "registerToken");
        // Login and onboarding
        add(r, PUBLIC, "GET", "/auth/login", "auth", PAGE, NONE, "redirect");
        add(r, PUBLIC, "POST", "/auth/login", "auth", FORM, FORM_LOGIN, "redirect");
        add(r, PUBLIC, "DELETE", "/auth/login", "auth", JSON, NONE);
        add(r, PUBLIC, "DELETE", "/auth/login/others", "auth", JSON, NONE);
        add(r, PUBLIC, "GET", "/auth/twofactor", "auth", PAGE, NONE, "two_factor_token", "redirect");
        add(r, PUBLIC, "POST", "/auth/twofactor", "auth", FORM, FORM_TWO_FACTOR);
        add(r, PUBLIC, "GET", "/auth/passphrase", "auth", PAGE, NONE, "registerToken");
        add(r, PUBLIC, "GET", "/auth/assets/:name", "auth", PAGE, NONE);
        add(r, PUBLIC, "POST", "/auth/share-by-link/password", "auth", JSON, FORM_SHARE_PASSWORD);
        // OAuth
        add(r, PUBLIC, "POST", "/auth/register", "oauth", JSON, REGISTER_CLIENT);
        add(r, PUBLIC, "GET", "/auth/register/:client", "oauth", JSON, NONE);
        add(r, PUBLIC, "PUT", "/auth/register/:client", "oauth", JSON, REGISTER_CLIENT);
        add(r, PUBLIC, "DELETE", "/auth/register/:client", "oauth", JSON, NONE);
        add(
                r,
                PUBLIC,
                "GET",
                "/auth/authorize",
                "oauth",
                PAGE,
                NONE,
                "client_id",
                "redirect_uri",
                "state",
                "response_type",
                "scope",
                "code_challenge",
                "code_challenge_method");
        add(r, PUBLIC, "POST", "/auth/authorize", "oauth", JSON, FORM_AUTHORIZE);
        add(r, PUBLIC, "POST", "/auth/access_token", "oauth", JSON, FORM_ACCESS_TOKEN);
        // Settings
        add(r, PUBLIC, "GET", "/settings/passphrase", "settings", JSON, NONE);
        add(r, PUBLIC, "POST", "/settings/passphrase", "settings", JSON, PASSPHRASE_REGISTER);
        add(r, PUBLIC, "PUT", "/settings/passphrase", "settings", JSON, PASSPHRASE_CHANGE);
        add(r, PUBLIC, "GET", "/settings/hint", "settings", JSON, NONE);
        add(r, PUBLIC, "PUT", "/settings/hint", "settings", JSON, HINT);
        add(r, PUBLIC, "GET", "/settings/sessions", "settings", JSON, NONE);
        add(r, PUBLIC, "GET", "/settings/twofactor", "settings", JSON, NONE);
        add(r, PUBLIC, "POST", "/settings/twofactor", "settings", JSON, TWO_FACTOR);
        add(r, PUBLIC, "DELETE", "/settings/twofactor", "settings", JSON, TWO_FACTOR);
        add(r, PUBLIC, "POST", "/settings/twofactor/confirm", "settings", JSON, TWO_FACTOR);
        add(r, PUBLIC, "GET", "/settings/clients", "settings", JSON, NONE);
        add(r, PUBLIC, "DELETE", "/settings/clients/:client", "settings", JSON, NONE);
        add(r, PUBLIC, "GET", "/settings/instance", "settings", JSON, NONE);
        add(r, PUBLIC, "PUT", "/settings/instance", "settings", JSON, SETTINGS_INSTANCE);
        add(r, PUBLIC, "GET", "/settings/capabilities", "settings", JSON, NONE);
        add(r, PUBLIC, "GET", "/settings/context", "settings", JSON, NONE);
        add(r, PUBLIC, "GET", "/settings/flags", "settings", JSON, NONE);
        add(r, PUBLIC, "GET", "/settings/disk-usage", "settings", JSON, NONE, "include");
        // Permissions
        add(r, PUBLIC, "GET", "/permissions/self", "permissions", JSON, NONE);
        add(r, PUBLIC, "POST", "/permissions", "permissions", JSON, PERMISSION_SET, "codes", "ttl", "tiny", "tinycode");
        add(r, PUBLIC, "POST", "/permissions/exists", "permissions", JSON, PERMISSIONS_EXISTS);
        add(r, PUBLIC, "GET", "/permissions/:permission", "permissions", JSON, NONE);
        add(r, PUBLIC, "PATCH", "/permissions/:permission", "permissions", JSON, PERMISSION_PATCH);
        add(r, PUBLIC, "DELETE", "/permissions/:permission", "permissions", JSON, NONE);
        add(
                r,
                PUBLIC,
                "GET",
                "/permissions/doctype/:doctype/shared-by-link",
                "permissions",
                JSON,
                NONE,
                "page[limit]",
                "page[skip]");
        // Apps and konnectors
        for (String kind : new String[] {"apps", "konnectors"}) {
            add(r, PUBLIC, "GET", "/" + kind + "/", "apps", JSON, NONE, "page[limit]", "page[skip]");
            add(r, PUBLIC, "GET", "/" + kind + "/:slug", "apps", JSON, NONE);
            add(r, PUBLIC, "POST", "/" + kind + "/:slug", "apps", JSON, NONE, "Source");
            add(r, PUBLIC, "PUT", "/" + kind + "/:slug", "apps", JSON, NONE, "Source", "PermissionsAcked");
            add(r, PUBLIC, "DELETE", "/" + kind + "/:slug", "apps", JSON, NONE);
        }
        add(r, PUBLIC, "GET", "/registry", "registry", JSON, NONE, "limit", "cursor", "sort", "filter[type]");
        add(r, PUBLIC, "GET", "/registry/:slug", "registry", JSON, NONE, "versionsChannel");
        add(r, PUBLIC, "GET", "/registry/:slug/:version", "registry", JSON, NONE);
        add(r, PUBLIC, "GET", "/registry/:slug/:channel/latest", "registry", JSON, NONE);
        add(r, PUBLIC, "GET", "/registry/:slug/icon", "registry", ELSEWHERE, NONE);
        add(r, PUBLIC, "POST", "/intents", "intents", JSON, INTENT);
        add(r, PUBLIC, "GET", "/intents/:id", "intents", JSON, NONE);
        // Realtime (the upgrade is WebSocketFuzzer's)
        add(r, PUBLIC, "GET", "/realtime/", "realtime", JSON, NONE);
        add(r, PUBLIC, "POST", "/realtime/:doctype/:id", "realtime", JSON, NOTIFY);
        addData(r);
        addFiles(r);
        addMove(r);
        addAdmin(r);
        return List.copyOf(r);
    }

    private static void addData(List<Route> r) {
        add(r, PUBLIC, "GET", "/data/", "data", COUCH, NONE);
        add(r, PUBLIC, "GET", "/data/_all_doctypes", "data", COUCH, NONE);
        add(r, PUBLIC, "GET", "/data/:doctype/", "data", COUCH, NONE);
        add(r, PUBLIC, "PUT", "/data/:doctype/", "data", COUCH, NONE);
        add(r, PUBLIC, "DELETE", "/data/:doctype/", "data", COUCH, NONE);
        add(r, PUBLIC, "POST", "/data/:doctype/", "data", COUCH, DOC);
        add(r, PUBLIC, "GET", "/data/:doctype/_all_docs", "data", COUCH, NONE, ALL_DOCS.toArray(String[]::new));
        add(r, PUBLIC, "POST", "/data/:doctype/_all_docs", "data", COUCH, KEYS, ALL_DOCS.toArray(String[]::new));
        add(
                r,
                PUBLIC,
                "GET",
                "/data/:doctype/_normal_docs",
                "data",
                COUCH,
                NONE,
                "limit",
                "skip",
                "bookmark",
                "execution_stats");
        add(r, PUBLIC, "POST", "/data/:doctype/_find", "data", COUCH, FIND);
        add(r, PUBLIC, "POST", "/data/:doctype/_index", "data", COUCH, INDEX);
        add(r, PUBLIC, "GET", "/data/:doctype/_design_docs", "data", COUCH, NONE, "include_docs");
        add(r, PUBLIC, "POST", "/data/:doctype/_bulk_docs", "data", COUCH, BULK_DOCS);
        add(r, PUBLIC, "POST", "/data/:doctype/_ensure_full_commit", "data", COUCH, NONE);
        add(r, PUBLIC, "GET", "/data/:doctype/_changes", "data", COUCH, NONE, CHANGES.toArray(String[]::new));
        List<String> postChanges = new ArrayList<>(CHANGES);
        postChanges.add("filter");
        add(
                r,
                PUBLIC,
                "POST",
                "/data/:doctype/_changes",
                "data",
                COUCH,
                CHANGES_FILTER,
                postChanges.toArray(String[]::new));
        add(r, PUBLIC, "POST", "/data/:doctype/_bulk_get", "data", COUCH, BULK_GET, "revs", "latest");
        add(r, PUBLIC, "POST", "/data/:doctype/_revs_diff", "data", COUCH, REVS_DIFF);
        add(r, PUBLIC, "GET", "/data/:doctype/_local/:id", "data", COUCH, NONE);
        add(r, PUBLIC, "PUT", "/data/:doctype/_local/:id", "data", COUCH, LOCAL_DOC);
        add(r, PUBLIC, "DELETE", "/data/:doctype/_local/:id", "data", COUCH, NONE, "rev");
        add(r, PUBLIC, "GET", "/data/:doctype/_design/:ddoc", "data", COUCH, NONE, "rev");
        add(r, PUBLIC, "DELETE", "/data/:doctype/_design/:ddoc", "data", COUCH, NONE, "rev");
        add(r, PUBLIC, "POST", "/data/:doctype/_design/:ddoc/copy", "data", COUCH, NONE, "rev");
        add(
                r,
                PUBLIC,
                "GET",
                "/data/:doctype/:id",
                "data",
                COUCH,
                NONE,
                "rev",
                "revs",
                "open_revs",
                "latest",
                "conflicts");
        add(r, PUBLIC, "PUT", "/data/:doctype/:id", "data", COUCH, DOC_UPDATE);
        add(r, PUBLIC, "DELETE", "/data/:doctype/:id", "data", COUCH, NONE, "rev");
    }

    /** {@code /files} (cozy-api.md 2.4), but for the routes that answer file content rather than JSON. */
    private static void addFiles(List<Route> r) {
        String[] page = {"page[limit]", "page[skip]", "page[cursor]"};
        String[] upload = {"Type", "Name", "Size", "Tags", "CreatedAt", "UpdatedAt", "MetadataID", "Executable"};
        add(r, PUBLIC, "POST", "/files/", "files", JSON, NONE, upload);
        add(r, PUBLIC, "POST", "/files/:id", "files", JSON, NONE, upload);
        add(r, PUBLIC, "PUT", "/files/:id", "files", JSON, NONE, upload);
        add(r, PUBLIC, "GET", "/files/:id", "files", JSON, NONE, page);
        add(r, PUBLIC, "PATCH", "/files/:id", "files", JSON, DOC);
        add(r, PUBLIC, "DELETE", "/files/:id", "files", JSON, NONE);
        add(r, PUBLIC, "PATCH", "/files/", "files", JSON, DOC);
        add(r, PUBLIC, "GET", "/files/metadata", "files", JSON, NONE, "Path");
        add(r, PUBLIC, "GET", "/files/:id/size", "files", JSON, NONE);
        add(r, PUBLIC, "GET", "/files/:id/relationships/contents", "files", JSON, NONE, page);
        add(r, PUBLIC, "POST", "/files/:id/relationships/referenced_by", "files", JSON, DOC);
        add(r, PUBLIC, "DELETE", "/files/:id/relationships/referenced_by", "files", JSON, DOC);
        add(r, PUBLIC, "POST", "/files/:id/copy", "files", JSON, NONE, "Name", "DirID");
        add(r, PUBLIC, "GET", "/files/trash", "files", JSON, NONE, page);
        add(r, PUBLIC, "DELETE", "/files/trash", "files", JSON, NONE);
        add(r, PUBLIC, "POST", "/files/trash/:id", "files", JSON, NONE);
        add(r, PUBLIC, "DELETE", "/files/trash/:id", "files", JSON, NONE);
        add(r, PUBLIC, "POST", "/files/upload/metadata", "files", JSON, DOC);
        add(r, PUBLIC, "POST", "/files/downloads", "files", JSON, NONE, "Id", "Path", "Filename");
        add(r, PUBLIC, "POST", "/files/archive", "files", JSON, DOC);
        add(r, PUBLIC, "POST", "/files/shared-drives", "files", JSON, NONE);
        add(r, PUBLIC, "POST", "/files/_find", "files", JSON, FIND, page);
        add(r, PUBLIC, "POST", "/files/_all_docs", "files", JSON, KEYS);
        add(
                r,
                PUBLIC,
                "GET",
                "/files/_changes",
                "files",
                JSON,
                NONE,
                "since",
                "limit",
                "include_docs",
                "include_file_path",
                "skip_deleted",
                "skip_trashed");
        add(r, PUBLIC, "GET", "/files/fsck", "files", JSON, NONE, "md5");
        add(r, PUBLIC, "POST", "/files/:id/versions", "files", JSON, DOC, "Tags");
        add(r, PUBLIC, "POST", "/files/revert/:id/:version", "files", JSON, NONE);
        add(r, PUBLIC, "PATCH", "/files/:id/:version", "files", JSON, DOC);
        add(r, PUBLIC, "DELETE", "/files/:id/:version", "files", JSON, NONE);
        add(r, PUBLIC, "DELETE", "/files/versions", "files", JSON, NONE);
        String[] refs = {"page[limit]", "page[skip]", "page[cursor]", "include", "sort"};
        add(r, PUBLIC, "GET", "/data/:doctype/:id/relationships/references", "files", JSON, NONE, refs);
        add(r, PUBLIC, "POST", "/data/:doctype/:id/relationships/references", "files", JSON, DOC);
        add(r, PUBLIC, "DELETE", "/data/:doctype/:id/relationships/references", "files", JSON, DOC);
    }

    private static void addMove(List<Route> r) {
        add(r, PUBLIC, "POST", "/move/exports", "move", JSON, NONE);
        add(r, PUBLIC, "GET", "/move/exports/:id", "move", JSON, NONE);
        add(r, PUBLIC, "POST", "/move/exports/:id/link", "move", JSON, NONE);
        add(r, PUBLIC, "DELETE", "/move/exports/:id", "move", JSON, NONE);
        add(r, PUBLIC, "GET", "/move/exports/data/:secret", "move", JSON, NONE, "cursor", "archive");
        add(r, ADMIN, "POST", "/instances/:domain/export", "admin", JSON, NONE, "PartsSize");
        add(r, ADMIN, "GET", "/instances/:domain/exports/:id", "admin", JSON, NONE);
        add(r, ADMIN, "GET", "/instances/:domain/exports/:id/data", "admin", JSON, NONE, "cursor");
        add(r, ADMIN, "DELETE", "/instances/:domain/exports/:id", "admin", JSON, NONE);
        add(r, ADMIN, "POST", "/instances/:domain/import", "admin", JSON, DOC);
        add(r, PUBLIC, "POST", "/move/request", "move", JSON, DOC, "target_url", "target_token");
        add(r, PUBLIC, "GET", "/move/go", "move", JSON, NONE, "secret");
        add(r, PUBLIC, "POST", "/move/finalize", "move", JSON, NONE);
        add(r, PUBLIC, "POST", "/move/abort", "move", JSON, NONE);
        add(r, PUBLIC, "POST", "/move/imports/precheck", "move", JSON, NONE);
        add(r, PUBLIC, "POST", "/move/imports", "move", JSON, DOC, "url");
        add(r, PUBLIC, "POST", "/move/importing", "move", JSON, NONE, "source");
        add(r, PUBLIC, "GET", "/move/importing", "move", JSON, NONE);
    }

    private static void addAdmin(List<Route> r) {
        add(r, ADMIN, "GET", "/instances", "admin", JSON, NONE, "page[limit]", "page[skip]");
        add(r, ADMIN, "POST", "/instances", "admin", JSON, NONE, INSTANCE_PARAMS.toArray(String[]::new));
        add(r, ADMIN, "GET", "/instances/count", "admin", JSON, NONE);
        add(
                r,
                ADMIN,
                "POST",
                "/instances/token",
                "admin",
                TOKEN,
                NONE,
                "Domain",
                "Audience",
                "Scope",
                "Subject",
                "Expire");
        add(
                r,
                ADMIN,
                "POST",
                "/instances/oauth_client",
                "admin",
                JSON,
                NONE,
                "Domain",
                "RedirectURI",
                "ClientName",
                "SoftwareID");
        add(r, ADMIN, "GET", "/instances/:domain", "admin", JSON, NONE);
        add(r, ADMIN, "PATCH", "/instances/:domain", "admin", JSON, NONE, MODIFY_PARAMS.toArray(String[]::new));
        add(r, ADMIN, "DELETE", "/instances/:domain", "admin", JSON, NONE);
        add(r, ADMIN, "GET", "/version", "admin", JSON, NONE);
        add(r, ADMIN, "GET", "/registry", "admin", JSON, NONE, "limit", "cursor", "sort");
        add(r, ADMIN, "GET", "/registry/:slug/:version", "admin", JSON, NONE);
        add(r, ADMIN, "POST", "/registry/:slug", "admin", JSON, NONE);
        add(r, ADMIN, "GET", "/editors", "admin", JSON, NONE);
        add(r, ADMIN, "GET", "/system/console/:page", "console", CONSOLE, NONE);
    }

    private static void add(
            List<Route> r,
            Route.Endpoint endpoint,
            String method,
            String pattern,
            String family,
            Route.Kind kind,
            BodyKind body,
            String... query) {
        r.add(new Route(endpoint, method, pattern, family, kind, body, List.of(query)));
    }
}

package dev.hearth.itests.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Plausible values for every path and query parameter the routes read, drawn from what the
 * fixture created (ids, revisions, clients) so that well-formed requests reach deep into the
 * handlers, with a share of neighbours (missing ids, reserved doctypes) that must be refused
 * cleanly. All values are wire strings, already percent-encoded.
 */
final class ParamValues {
    static final List<String> CONSOLE_PAGES = List.of(
            "bundles",
            "components",
            "configMgr",
            "services",
            "hearth",
            "instances",
            "status-System%20Properties",
            "licenses",
            "res/ui/webconsole.css",
            "nope",
            "bundles/0",
            "bundles/dev.hearth.web",
            "components/dev.hearth.web.internal.StatusServlet");
    private static final List<String> AUDIENCES = List.of(
            "cli", "app", "webapp", "konn", "konnector", "access", "refresh", "registration", "share", "CLI", "");

    private final FuzzTarget target;

    ParamValues(FuzzTarget target) {
        this.target = target;
    }

    /** A value for the path parameter {@code name} of {@code route}. */
    String path(Route route, String name, Random random) {
        return switch (name) {
            case "doctype" -> doctype(random);
            case "id" -> docId(random);
            case "ddoc" -> pick(random, "fuzz", "fuzz-idx", "missing", "x");
            case "name" -> pick(random, "pages.css", "passphrase.js", "login.html", "nope");
            case "client" -> random.nextInt(3) > 0 ? target.clientId : "missing-client";
            case "permission" -> random.nextInt(3) > 0 ? target.permissionId : "missing-permission";
            case "page" -> pick(random, CONSOLE_PAGES.toArray(String[]::new));
            case "domain" -> adminDomain(route, random);
            case "slug" -> pick(random, "notes", "drive", "Bad_Slug", "x-y", "a".repeat(70));
            case "version" -> pick(random, "1.0.0", "v1.0.0", "1.0.0-beta.1", "..", "x");
            case "channel" -> pick(random, "stable", "beta", "dev", "nightly");
            default -> "x";
        };
    }

    /** A value for the query parameter {@code name}. */
    String query(String name, long index, Random random) {
        return switch (name) {
            case "startkey", "endkey", "start_key", "end_key", "key" -> "%22" + docId(random) + "%22";
            case "keys" -> "%5B%22doc-1%22%2C%22" + docId(random) + "%22%5D";
            case "startkey_docid", "endkey_docid" -> docId(random);
            case "limit" -> Integer.toString(random.nextInt(25));
            case "skip" -> Integer.toString(random.nextInt(5));
            case "include_docs",
                    "descending",
                    "inclusive_end",
                    "conflicts",
                    "revs",
                    "latest",
                    "execution_stats",
                    "tiny",
                    "tinycode",
                    "PermissionsAcked" -> random.nextBoolean() ? "true" : "false";
            case "DesignDocs" -> random.nextBoolean() ? "false" : "true";
            case "Fields" -> "n,name";
            case "bookmark" -> pick(random, "", "g1AAAAA", "bm");
            case "since" -> pick(random, "0", "now", "1", "3-g1AAAAA", "");
            case "Source" ->
                pick(random, "file:///nope.tar.gz", "file:///etc/passwd", "registry://drive", "http://x", "%ff", "");
            case "style" -> pick(random, "main_only", "all_docs");
            case "feed" -> "normal";
            case "heartbeat", "timeout" -> "1000";
            case "seq_interval" -> "10";
            case "_nonce" -> "n" + index;
            case "filter" -> pick(random, "_doc_ids", "_selector", "_design");
            case "rev" -> rev(random);
            case "open_revs" -> random.nextBoolean() ? "all" : "%5B%22" + rev(random) + "%22%5D";
            case "codes" -> "bob,jane";
            case "ttl" -> pick(random, "1D", "1h", "30m");
            case "page[limit]" -> Integer.toString(random.nextInt(40));
            case "cursor" -> pick(random, "0", "3|-1", "-1", "x", "");
            case "sort" -> pick(random, "slug", "-created_at", "nope");
            case "filter[type]" -> pick(random, "webapp", "konnector");
            case "versionsChannel" -> pick(random, "stable", "beta", "dev", "x");
            case "page[skip]" -> Integer.toString(random.nextInt(3));
            case "include" -> "trash";
            case "redirect" ->
                pick(random, "http%3A%2F%2F" + target.domain + "%2F", "https%3A%2F%2Fevil.example%2F", "");
            case "registerToken" -> random.nextBoolean() ? target.victimRegisterToken : "00ff";
            case "client_id" -> target.clientId;
            case "redirect_uri" -> "http%3A%2F%2Flocalhost%2Fcb";
            case "state" -> "s" + index;
            case "response_type" -> "code";
            case "scope" -> "io.cozy.fuzz.a";
            case "code_challenge" -> "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
            case "code_challenge_method" -> "S256";
            case "two_factor_token" -> "tok" + index;
            default -> admin(name, index, random);
        };
    }

    private String admin(String name, long index, Random random) {
        return switch (name) {
            case "Domain" -> random.nextInt(4) == 0 ? target.domain : "fz" + index + ".localhost";
            case "Audience" -> pick(random, AUDIENCES.toArray(String[]::new));
            case "Scope" -> pick(random, "io.cozy.fuzz.a", "io.cozy.fuzz.a%3AGET", "io.cozy.*", "");
            case "Subject" -> random.nextBoolean() ? target.clientId : "drive";
            case "Expire" -> pick(random, "1h", "30m", "0s", "1h30m");
            case "Locale" -> pick(random, "en", "fr", "");
            case "Email" -> "fz" + index + "%40example.com";
            case "PublicName" -> "Fuzz%20" + index;
            case "Passphrase" -> "pass-" + index;
            case "ContextName" -> pick(random, "default", "other");
            case "DiskQuota" -> Integer.toString(random.nextInt(1 << 20));
            case "Timezone" -> "Europe%2FParis";
            case "UUID" -> "00000000-0000-4000-8000-" + String.format("%012d", index);
            case "KdfIterations" -> "50000";
            case "Blocked", "OnboardingFinished" -> random.nextBoolean() ? "true" : "false";
            case "BlockingReason" -> pick(random, "LOGIN_FAILED", "PAYMENT_FAILED", "UNKNOWN");
            case "AuthMode" -> pick(random, "basic", "two_factor_mail");
            case "RedirectURI" -> "http%3A%2F%2Flocalhost%2Fcb";
            case "ClientName" -> "fz" + index;
            case "SoftwareID" -> "github.com%2Ffz";
            case "PartsSize" -> pick(random, "1048576", "0", "-1", "12", "x", "99999999999999999999");
            case "archive" -> pick(random, "tar", "zip", "");
            default -> "v" + index;
        };
    }

    String doctype(Random random) {
        int n = random.nextInt(20);
        if (n < 16) {
            return FuzzTarget.DOCTYPES.get(n % FuzzTarget.DOCTYPES.size());
        }
        return pick(
                random,
                "io.cozy.fuzz.unscoped",
                "io.cozy.permissions",
                "io.cozy.sessions",
                "io.cozy.files",
                "io.cozy.oauth.clients",
                "io.cozy.settings");
    }

    String docId(Random random) {
        int n = random.nextInt(10);
        if (n < 7) {
            return "doc-" + random.nextInt(FuzzTarget.DOCS);
        }
        return pick(random, "missing-" + random.nextInt(5), "fz-" + random.nextInt(20), "_design%2Ffuzz");
    }

    String rev(Random random) {
        if (random.nextInt(4) == 0) {
            return pick(random, "1-abc", "1-00000000000000000000000000000000", "2-");
        }
        List<String> known = List.copyOf(target.revs.values());
        return known.get(random.nextInt(known.size()));
    }

    /** The admin routes may damage the victim but never the fuzzed instance, whose state the run needs. */
    private String adminDomain(Route route, Random random) {
        boolean destructive = !route.method().equals("GET");
        int n = random.nextInt(4);
        if (n == 0 && !destructive) {
            return target.domain;
        }
        return n < 2 ? target.victim : pick(random, "nope.localhost", "fz1.localhost", "fz2.localhost");
    }

    static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}

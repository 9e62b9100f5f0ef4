package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hearth apps ...} and {@code hearth konnectors ...}: install, update, remove and list the
 * apps of one instance. The command mints a short {@code cli} token through the admin API, then
 * calls the instance's own {@code /apps} (or {@code /konnectors}) routes on the public endpoint
 * with the instance's host name, exactly as any client of the instance would: the server applies
 * the same checks to the command line as to everyone else.
 */
abstract class AppsCommand {
    /** A URI scheme of two characters or more: {@code C:\apps\x.zip} is a path, not a URI. */
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** The route prefix, {@code apps} or {@code konnectors}, which is also the doctype's last word. */
    abstract String path();

    /** The doctype the token needs: {@code io.cozy.apps} or {@code io.cozy.konnectors}. */
    final String doctype() {
        return "io.cozy." + path();
    }

    @Command(
            name = "apps",
            mixinStandardHelpOptions = true,
            description = "Install, update, remove and list the web apps of an instance.",
            subcommands = {Install.class, Update.class, Rm.class, Ls.class, Publish.class})
    static final class Apps extends AppsCommand {
        @Override
        String path() {
            return "apps";
        }
    }

    @Command(
            name = "konnectors",
            mixinStandardHelpOptions = true,
            description = "Install, update, remove and list the konnectors of an instance.",
            subcommands = {Install.class, Update.class, Rm.class, Ls.class, Publish.class})
    static final class Konnectors extends AppsCommand {
        @Override
        String path() {
            return "konnectors";
        }
    }

    /**
     * The source to send for what the user typed: a URI as it is ({@code registry://notes}, {@code
     * file:///srv/notes.tar.gz}), anything else taken as a local path and made an absolute {@code
     * file:} URI, which the server reads (so the command runs on the server's machine).
     */
    static String source(String given) {
        if (URI_WITH_SCHEME.matcher(given).matches()) {
            return given;
        }
        return Path.of(given).toAbsolutePath().normalize().toUri().toString();
    }

    /** A call to the instance's API with a {@code cli} token for the apps' doctype. */
    abstract static class InstanceCall extends InstancesCommand.AdminCall {
        @ParentCommand
        AppsCommand kind;

        @Parameters(index = "0", description = "Domain of the instance, with its port if any (alice.localhost:8080).")
        String domain;

        @Option(
                names = "--public-url",
                defaultValue = "http://127.0.0.1:8080",
                description = "Public endpoint of the server, where the instance answers (default: ${DEFAULT-VALUE}).")
        String publicUrl;

        @Override
        final void run(AdminClient admin, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Domain", domain);
            q.put("Audience", "cli");
            q.put("Scope", kind.doctype());
            String token = admin.call("POST", "/instances/token", q).trim();
            ApiClient instance = new ApiClient(
                    publicUrl,
                    Map.of("Host", domain, "Authorization", "Bearer " + token),
                    "is the server's public endpoint elsewhere? Use --public-url.");
            run(instance, "/" + kind.path(), out);
        }

        /**
         * @param base the route prefix: {@code /apps} or {@code /konnectors}
         */
        abstract void run(ApiClient instance, String base, PrintWriter out) throws Exception;

        static void print(PrintWriter out, String verb, JsonNode answer) {
            JsonNode a = answer.path("data").path("attributes");
            out.println(verb + " " + a.path("slug").asText() + " "
                    + a.path("version").asText() + " (" + a.path("state").asText() + ")");
        }
    }

    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description = "Installs an app on an instance from a source: a local archive (tar.gz, tgz, tar, zip)"
                    + " or a source URI.")
    static final class Install extends InstanceCall {
        @Parameters(index = "1", description = "The app's slug, as its manifest gives it.")
        String slug;

        @Parameters(
                index = "2",
                arity = "0..1",
                description = "A path to an archive on the server's machine, or a source URI (file:///...).")
        String source;

        @Override
        void run(ApiClient instance, String base, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Source", source == null ? null : source(source));
            print(out, "Installed", instance.callJson("POST", base + "/" + ApiClient.encode(slug), q));
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Updates an app of an instance, from a new source or from the one it was installed from.")
    static final class Update extends InstanceCall {
        @Parameters(index = "1", description = "The app's slug.")
        String slug;

        @Parameters(index = "2", arity = "0..1", description = "A path to an archive, or a source URI.")
        String source;

        @Override
        void run(ApiClient instance, String base, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Source", source == null ? null : source(source));
            print(out, "Updated", instance.callJson("PUT", base + "/" + ApiClient.encode(slug), q));
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = "Publishes an archive to the server's registry, from which instances install it"
                    + " (registry://<slug>). The archive is a file of the server's machine.")
    static final class Publish extends InstancesCommand.AdminCall {
        @Parameters(index = "0", description = "The app archive: tar.gz, tgz, tar or zip.")
        Path archive;

        @Option(
                names = "--editor",
                required = true,
                description = "The editor the app is published for (its first publication gives it the slug).")
        String editor;

        @Option(
                names = "--version",
                description = "The registry version (X.Y.Z, X.Y.Z-beta.N, X.Y.Z-dev.<hex>); the manifest's by default.")
        String version;

        @Override
        void run(AdminClient admin, PrintWriter out) throws Exception {
            Path file = archive.toAbsolutePath().normalize();
            JsonNode manifest = ArchiveManifest.read(file);
            String slug = manifest.path("slug").asText();
            if (slug.isEmpty()) {
                throw new IllegalArgumentException("The manifest of " + file + " has no slug");
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("editor", editor);
            body.put("version", version == null ? "" : version);
            body.put("url", file.toUri().toString());
            body.put("sha256", sha256(file));
            JsonNode published = admin.postJson("/registry/" + ApiClient.encode(slug), body);
            out.println("Published " + slug + " " + published.path("version").asText() + " ("
                    + published.path("sha256").asText() + ")");
        }

        private static String sha256(Path file) throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    @Command(
            name = "rm",
            mixinStandardHelpOptions = true,
            description = "Removes an app from an instance (the app's bundle stays for the other instances).")
    static final class Rm extends InstanceCall {
        @Parameters(index = "1", description = "The app's slug.")
        String slug;

        @Override
        void run(ApiClient instance, String base, PrintWriter out) throws Exception {
            instance.call("DELETE", base + "/" + ApiClient.encode(slug), Map.of());
            out.println("Removed " + slug);
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the apps of an instance.")
    static final class Ls extends InstanceCall {
        @Override
        void run(ApiClient instance, String base, PrintWriter out) throws Exception {
            String next = base;
            while (next != null) {
                JsonNode page = instance.callJson("GET", next);
                for (JsonNode app : page.path("data")) {
                    JsonNode a = app.path("attributes");
                    out.printf(
                            "%-30s %-16s %s%n",
                            a.path("slug").asText(),
                            a.path("version").asText(),
                            a.path("state").asText());
                }
                JsonNode link = page.path("links").path("next");
                next = link.isTextual() ? link.asText().replace("[", "%5B").replace("]", "%5D") : null;
            }
        }
    }
}

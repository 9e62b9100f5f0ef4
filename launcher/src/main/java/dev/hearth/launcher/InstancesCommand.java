package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearth instances ...}: manage instances through the admin API of a running server. */
@Command(
        name = "instances",
        mixinStandardHelpOptions = true,
        description = "Manage the instances of a running server.",
        subcommands = {
            InstancesCommand.Add.class,
            InstancesCommand.Ls.class,
            InstancesCommand.Show.class,
            InstancesCommand.Modify.class,
            InstancesCommand.Rm.class,
            InstancesCommand.Token.class,
            InstancesMoveCommands.Export.class,
            InstancesMoveCommands.Import.class
        })
final class InstancesCommand {

    /** Runs an admin call, prints its outcome, and maps failures to exit code 1. */
    abstract static class AdminCall implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            try {
                run(admin.client(), spec.commandLine().getOut());
                return 0;
            } catch (ApiClient.CallException e) {
                spec.commandLine().getErr().println("Error " + e.status + ": " + e.getMessage());
                return 1;
            } catch (Exception e) {
                spec.commandLine().getErr().println("Error: " + e.getMessage());
                return 1;
            }
        }

        abstract void run(AdminClient client, PrintWriter out) throws Exception;
    }

    /** The settings an instance is created with and that can be changed later. */
    static final class Settings {
        @Option(names = "--email")
        String email;

        @Option(names = "--locale")
        String locale;

        @Option(names = "--public-name")
        String publicName;

        @Option(names = "--disk-quota", description = "Disk quota in bytes.")
        Long diskQuota;

        void putInto(Map<String, String> query) {
            query.put("Email", email);
            query.put("Locale", locale);
            query.put("PublicName", publicName);
            query.put("DiskQuota", diskQuota == null ? null : diskQuota.toString());
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Creates an instance and prints its onboarding URL.")
    static final class Add extends AdminCall {
        @Parameters(index = "0", description = "Domain of the instance, with its port if any (alice.localhost:8080).")
        String domain;

        @Option(names = "--passphrase", description = "Sets the user's passphrase (skips the onboarding).")
        String passphrase;

        @Mixin
        Settings settings;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Domain", domain);
            q.put("Passphrase", passphrase);
            settings.putInto(q);
            JsonNode attributes =
                    client.callJson("POST", "/instances", q).path("data").path("attributes");
            out.println("Instance created: " + attributes.path("domain").asText());
            if (attributes.hasNonNull("register_token")) {
                String hex = HexFormat.of()
                        .formatHex(Base64.getDecoder()
                                .decode(attributes.get("register_token").asText()));
                out.println(
                        "Onboarding URL: http://" + attributes.path("domain").asText() + "/?registerToken=" + hex);
            }
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the instances.")
    static final class Ls extends AdminCall {
        @Option(names = "--json", description = "Prints the raw JSON:API answer.")
        boolean json;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            JsonNode body = client.callJson("GET", "/instances", Map.of());
            if (json) {
                out.println(pretty(body));
                return;
            }
            for (JsonNode instance : body.path("data")) {
                JsonNode a = instance.path("attributes");
                out.printf(
                        "%-40s %-6s onboarded=%-5s blocked=%s%n",
                        a.path("domain").asText(),
                        a.path("locale").asText(),
                        a.path("onboarding_finished").asBoolean(),
                        a.path("blocked").asBoolean());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints an instance as JSON.")
    static final class Show extends AdminCall {
        @Parameters(index = "0")
        String domain;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            out.println(pretty(client.callJson("GET", "/instances/" + AdminClient.encode(domain), Map.of())));
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true, description = "Changes settings of an instance.")
    static final class Modify extends AdminCall {
        @Parameters(index = "0")
        String domain;

        @Mixin
        Settings settings;

        @Option(names = "--blocked", arity = "1")
        Boolean blocked;

        @Option(names = "--blocking-reason")
        String blockingReason;

        @Option(names = "--onboarding-finished", arity = "1")
        Boolean onboardingFinished;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            settings.putInto(q);
            q.put("Blocked", blocked == null ? null : blocked.toString());
            q.put("BlockingReason", blockingReason);
            q.put("OnboardingFinished", onboardingFinished == null ? null : onboardingFinished.toString());
            out.println(pretty(client.callJson("PATCH", "/instances/" + AdminClient.encode(domain), q)));
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes an instance and all its data.")
    static final class Rm extends AdminCall {
        @Parameters(index = "0")
        String domain;

        @Option(names = "--force", description = "Do not ask for confirmation.")
        boolean force;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            if (!force) {
                Console console = System.console();
                if (console == null) {
                    throw new IllegalArgumentException("Deleting " + domain + " removes all its data: add --force");
                }
                String answer = console.readLine("Delete %s and all its data? [y/N] ", domain);
                if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                    out.println("Nothing deleted.");
                    return;
                }
            }
            client.call("DELETE", "/instances/" + AdminClient.encode(domain), Map.of());
            out.println("Instance deleted: " + domain);
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Mints a token for an instance.")
    static final class Token extends AdminCall {
        @Parameters(index = "0")
        String domain;

        @Option(names = "--audience", defaultValue = "cli", description = "Token audience (default: ${DEFAULT-VALUE}).")
        String audience;

        @Option(names = "--scope", description = "Permissions, such as \"io.cozy.files io.cozy.todos:GET\".")
        String scope;

        @Option(names = "--subject")
        String subject;

        @Option(names = "--expire", description = "Lifetime, such as 10m or 1h.")
        String expire;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Domain", domain);
            q.put("Audience", audience);
            q.put("Scope", scope);
            q.put("Subject", subject);
            q.put("Expire", expire);
            out.println(client.call("POST", "/instances/token", q).trim());
        }
    }

    private static String pretty(JsonNode json) throws Exception {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }
}

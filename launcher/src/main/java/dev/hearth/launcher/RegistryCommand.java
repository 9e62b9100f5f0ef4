package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth registry ...}: the editors of the server's own registry, who publish apps to it
 * with their token (with {@code hearth apps publish}, or Cozy's {@code cozy-app-publish} pointed
 * at the admin endpoint).
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "Manage the editors of the server's app registry.",
        subcommands = {RegistryCommand.AddEditor.class, RegistryCommand.Editors.class})
final class RegistryCommand {

    @Command(
            name = "add-editor",
            mixinStandardHelpOptions = true,
            description = "Adds an editor (or gives it a new token) and prints its token, shown this once.")
    static final class AddEditor extends InstancesCommand.AdminCall {
        @Parameters(index = "0", description = "The editor's name, as app manifests give it.")
        String name;

        @Override
        void run(AdminClient admin, PrintWriter out) throws Exception {
            JsonNode answer = JSON.readTree(admin.call("POST", "/editors", Map.of("Name", name)));
            out.println(answer.path("token").asText());
        }
    }

    @Command(name = "editors", mixinStandardHelpOptions = true, description = "Lists the editors.")
    static final class Editors extends InstancesCommand.AdminCall {
        @Override
        void run(AdminClient admin, PrintWriter out) throws Exception {
            for (JsonNode name : JSON.readTree(admin.call("GET", "/editors", Map.of()))) {
                out.println(name.asText());
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
}

package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth instances export|import}: an instance to one archive file, and back into an empty one. */
final class InstancesMoveCommands {
    private InstancesMoveCommands() {}

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Exports an instance (documents, files, old versions, apps, triggers, settings) to one "
                    + "archive file.")
    static final class Export extends InstancesCommand.AdminCall {
        @Parameters(index = "0", description = "Domain of the instance.")
        String domain;

        @Parameters(index = "1", description = "The archive file to write (a tar of checksummed zip parts).")
        Path file;

        @Option(names = "--parts-size", description = "Bytes after which a part of the archive is closed.")
        Long partsSize;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("PartsSize", partsSize == null ? null : partsSize.toString());
            String instance = "/instances/" + ApiClient.encode(domain);
            JsonNode data = client.callJson("POST", instance + "/export", q).path("data");
            String id = data.path("id").asText();
            JsonNode a = data.path("attributes");
            while (a.path("state").asText().equals("exporting")) {
                Thread.sleep(500);
                a = client.callJson("GET", instance + "/exports/" + ApiClient.encode(id), Map.of())
                        .path("data")
                        .path("attributes");
            }
            if (!a.path("state").asText().equals("done")) {
                throw new IllegalStateException(
                        "The export failed: " + a.path("error").asText());
            }
            client.download(instance + "/exports/" + ApiClient.encode(id) + "/data", file);
            client.call("DELETE", instance + "/exports/" + ApiClient.encode(id), Map.of());
            out.printf(
                    "Exported %s to %s: %d documents, %d files, %d parts, %d bytes%n",
                    domain,
                    file,
                    a.path("documents").asLong(),
                    a.path("files").asLong(),
                    a.path("parts").size(),
                    Files.size(file));
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Imports an archive (of 'instances export', or one part of a Cozy export) into an empty "
                    + "instance; nothing is kept when it fails.")
    static final class Import extends InstancesCommand.AdminCall {
        @Parameters(index = "0", description = "Domain of the instance, created and still empty.")
        String domain;

        @Parameters(index = "1", description = "The archive file.")
        Path file;

        @Override
        void run(AdminClient client, PrintWriter out) throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No such file: " + file);
            }
            JsonNode r = client.upload("/instances/" + ApiClient.encode(domain) + "/import", file);
            out.printf(
                    "Imported %s into %s: %d documents, %d files (%d bytes), apps %s%n",
                    file,
                    domain,
                    r.path("documents").asLong(),
                    r.path("files").asLong(),
                    r.path("bytes").asLong(),
                    r.path("apps"));
            for (JsonNode skipped : r.path("skipped")) {
                out.println("Skipped: " + skipped.asText());
            }
        }
    }
}

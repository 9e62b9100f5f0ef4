package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth jobs ...}: list the queued jobs of a worker, queue a job, list the triggers of an
 * instance. As {@code hearth apps}, the command mints a short {@code cli} token through the admin
 * API (restricted to what the command needs: queuing is allowed for the one worker named) and
 * calls the instance's own {@code /jobs} routes on the public endpoint.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List queued jobs, queue a job and list the triggers of an instance.",
        subcommands = {JobsCommand.Ls.class, JobsCommand.Run.class, JobsCommand.Triggers.class})
final class JobsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call to the instance's {@code /jobs} routes with a {@code cli} token of the given scope. */
    abstract static class InstanceCall extends InstancesCommand.AdminCall {
        @Parameters(index = "0", description = "Domain of the instance, with its port if any (alice.localhost:8080).")
        String domain;

        @Option(
                names = "--public-url",
                defaultValue = "http://127.0.0.1:8080",
                description = "Public endpoint of the server, where the instance answers (default: ${DEFAULT-VALUE}).")
        String publicUrl;

        /** The permissions the token needs, in scope syntax. */
        abstract String scope();

        @Override
        final void run(AdminClient admin, PrintWriter out) throws Exception {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("Domain", domain);
            q.put("Audience", "cli");
            q.put("Scope", scope());
            String token = admin.call("POST", "/instances/token", q).trim();
            ApiClient instance = new ApiClient(
                    publicUrl,
                    Map.of("Host", domain, "Authorization", "Bearer " + token),
                    "is the server's public endpoint elsewhere? Use --public-url.");
            run(instance, out);
        }

        abstract void run(ApiClient instance, PrintWriter out) throws Exception;
    }

    static void printJob(PrintWriter out, JsonNode job) {
        JsonNode a = job.path("attributes");
        out.printf(
                "%-32s %-12s %-8s %s%s%n",
                job.path("id").asText(),
                a.path("worker").asText(),
                a.path("state").asText(),
                a.path("queued_at").asText(),
                a.has("error") ? "  " + a.path("error").asText() : "");
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the queued jobs of a worker.")
    static final class Ls extends InstanceCall {
        @Parameters(index = "1", description = "The worker type (log, sendmail, konnector, ...).")
        String worker;

        @Override
        String scope() {
            return "io.cozy.jobs:GET";
        }

        @Override
        void run(ApiClient instance, PrintWriter out) throws Exception {
            JsonNode list = instance.callJson("GET", "/jobs/queue/" + ApiClient.encode(worker));
            list.path("data").forEach(job -> printJob(out, job));
            out.println(list.path("meta").path("count").asInt() + " queued");
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Queues a job, and waits for its end with --wait.")
    static final class Run extends InstanceCall {
        @Parameters(index = "1", description = "The worker type.")
        String worker;

        @Parameters(index = "2", arity = "0..1", description = "The job's arguments, a JSON object (default {}).")
        String arguments;

        @Option(names = "--wait", description = "Waits until the job is done or errored, and prints its end.")
        boolean await;

        @Override
        String scope() {
            return "io.cozy.jobs:POST:" + worker + ":worker io.cozy.jobs:GET";
        }

        @Override
        void run(ApiClient instance, PrintWriter out) throws Exception {
            JsonNode args = JSON.readTree(arguments == null ? "{}" : arguments);
            if (!args.isObject()) {
                throw new IllegalArgumentException("The arguments must be a JSON object");
            }
            String body = "{\"data\":{\"attributes\":{\"arguments\":" + JSON.writeValueAsString(args) + "}}}";
            JsonNode job = JSON.readTree(instance.send("POST", "/jobs/queue/" + ApiClient.encode(worker), body))
                    .path("data");
            printJob(out, job);
            String state = job.path("attributes").path("state").asText();
            while (await && (state.equals("queued") || state.equals("running"))) {
                Thread.sleep(250);
                job = instance.callJson(
                                "GET",
                                "/jobs/" + ApiClient.encode(job.path("id").asText()))
                        .path("data");
                state = job.path("attributes").path("state").asText();
            }
            if (await) {
                printJob(out, job);
            }
        }
    }

    @Command(name = "triggers", mixinStandardHelpOptions = true, description = "Lists the triggers of an instance.")
    static final class Triggers extends InstanceCall {
        @Override
        String scope() {
            return "io.cozy.triggers:GET";
        }

        @Override
        void run(ApiClient instance, PrintWriter out) throws Exception {
            for (JsonNode t : instance.callJson("GET", "/jobs/triggers").path("data")) {
                JsonNode a = t.path("attributes");
                out.printf(
                        "%-32s %-9s %-12s %-8s %s%n",
                        t.path("id").asText(),
                        a.path("type").asText(),
                        a.path("worker").asText(),
                        a.path("current_state").path("status").asText(),
                        a.path("arguments").asText());
            }
        }
    }
}

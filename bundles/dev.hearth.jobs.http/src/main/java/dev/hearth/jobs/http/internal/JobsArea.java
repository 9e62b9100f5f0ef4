package dev.hearth.jobs.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /jobs} ({@code cozy-api.md} 2.5): queue jobs, read them, finish client jobs, purge, and
 * the trigger routes of {@link TriggerRoutes}. JSON:API resources and errors, except the plain
 * JSON answer of the purge.
 */
@Component
@OnInstanceHosts
public final class JobsArea implements HttpArea {
    /** The largest job request or webhook body read. */
    static final int MAX_BODY = 256 * 1024;

    private final JobsService jobs;

    @Activate
    public JobsArea(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Routes routes() {
        TriggerRoutes triggers = new TriggerRoutes(jobs);
        return new Routes(ErrorStyle.JSON_API)
                .post("/jobs/queue/:worker", this::queue)
                .get("/jobs/queue/:worker", this::queued)
                .delete("/jobs/purge", this::purge)
                .post("/jobs/webhooks/:id", triggers::webhook)
                .post("/jobs/triggers", triggers::create)
                .get("/jobs/triggers", triggers::list)
                .get("/jobs/triggers/:id", triggers::show)
                .patch("/jobs/triggers/:id", triggers::update)
                .delete("/jobs/triggers/:id", triggers::delete)
                .get("/jobs/triggers/:id/state", triggers::state)
                .get("/jobs/triggers/:id/jobs", triggers::jobsOf)
                .post("/jobs/triggers/:id/launch", triggers::launch)
                .get("/jobs/:id", this::show)
                .patch("/jobs/:id", this::finish);
    }

    private void queue(Call call) throws IOException {
        String worker = call.param("worker");
        JobsAccess.requireQueue(call, Doctypes.JOBS, worker);
        ObjectNode attributes = attributes(call.jsonObject(MAX_BODY));
        JsonNode args = attributes.path("arguments");
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            throw ApiException.invalidAttribute("arguments", "The arguments must be a JSON object");
        }
        JsonNode options = attributes.path("options");
        JobRequest request = new JobRequest(
                worker,
                args.isObject() ? (ObjectNode) args : Json.mapper().createObjectNode(),
                positive(options, "timeout"),
                positive(options, "max_exec_count"),
                attributes.path("manual").asBoolean(false),
                attributes.path("forward_logs").asBoolean(false));
        call.jsonApi(202, Document.single(JobsJson.job(jobs.push(call.context().domain(), request))));
    }

    /** The {@code data.attributes} of a JSON:API request body (an empty object when absent). */
    static ObjectNode attributes(ObjectNode body) {
        JsonNode attributes = body.path("data").path("attributes");
        if (attributes.isMissingNode()) {
            return Json.mapper().createObjectNode();
        }
        if (!attributes.isObject()) {
            throw ApiException.badRequest("data.attributes must be an object");
        }
        return (ObjectNode) attributes;
    }

    private static @Nullable Integer positive(JsonNode options, String name) {
        JsonNode value = options.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
            throw ApiException.invalidAttribute("options." + name, "It must be a positive whole number");
        }
        return value.asInt();
    }

    private void queued(Call call) throws IOException {
        String worker = call.param("worker");
        ObjectNode target = Json.mapper().createObjectNode().put("worker", worker);
        JobsAccess.require(call, Verb.GET, JobsAccess.target(Doctypes.JOBS, "", target));
        List<Job> queued = jobs.queued(call.context().domain(), worker);
        call.jsonApi(200, Document.list(queued.stream().map(JobsJson::job).toList(), queued.size(), null));
    }

    private void show(Call call) throws IOException {
        Job job = jobs.job(call.context().domain(), call.param("id"));
        JobsAccess.require(call, Verb.GET, JobsAccess.target(Doctypes.JOBS, job.id(), job.doc()));
        call.jsonApi(200, Document.single(JobsJson.job(job)));
    }

    private void finish(Call call) throws IOException {
        String domain = call.context().domain();
        Job job = jobs.job(domain, call.param("id"));
        JobsAccess.require(call, Verb.PATCH, JobsAccess.target(Doctypes.JOBS, job.id(), job.doc()));
        ObjectNode attributes = attributes(call.jsonObject(MAX_BODY));
        JsonNode error = attributes.path("error");
        Job finished = jobs.finishClientJob(
                domain, job.id(), attributes.path("state").asText(""), error.isTextual() ? error.asText() : null);
        call.jsonApi(200, Document.single(JobsJson.job(finished)));
    }

    private void purge(Call call) throws IOException {
        call.context().requireWholeType(Verb.DELETE, Doctypes.JOBS);
        String raw = call.query("duration");
        Duration age = PurgeAge.parse(raw == null || raw.isEmpty() ? PurgeAge.DEFAULT : raw);
        String workers = call.query("workers");
        Set<String> only = workers == null || workers.isBlank() ? Set.of() : Set.of(workers.split(","));
        int deleted = jobs.purge(call.context().domain(), age, only);
        call.json(200, Map.of("deleted", deleted));
    }

    static List<Resource> resources(List<Job> list) {
        return list.stream().map(JobsJson::job).toList();
    }
}

package dev.hearth.jobs.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The {@code /jobs/triggers} routes and the public webhook route. */
final class TriggerRoutes {
    private final JobsService jobs;

    TriggerRoutes(JobsService jobs) {
        this.jobs = jobs;
    }

    void create(Call call) throws IOException {
        ObjectNode attributes = JobsArea.attributes(call.jsonObject(JobsArea.MAX_BODY));
        String type = text(attributes, "type", true);
        String worker = text(attributes, "worker", true);
        JobsAccess.require(call, Verb.POST, JobsAccess.target(Doctypes.TRIGGERS, "", attributes));
        JsonNode message = attributes.has("message") ? attributes.get("message") : attributes.path("worker_arguments");
        if (!message.isMissingNode() && !message.isNull() && !message.isObject()) {
            throw ApiException.invalidAttribute("message", "The message must be a JSON object");
        }
        JsonNode options = attributes.path("options");
        if (!options.isMissingNode() && !options.isNull() && !options.isObject()) {
            throw ApiException.invalidAttribute("options", "The options must be a JSON object");
        }
        TriggerRequest request = new TriggerRequest(
                type,
                text(attributes, "arguments", false),
                worker,
                message.isObject() ? (ObjectNode) message : Json.mapper().createObjectNode(),
                attributes.path("debounce").isTextual()
                        ? attributes.path("debounce").asText()
                        : null,
                options.isObject() ? (ObjectNode) options : null);
        Trigger created = jobs.createTrigger(call.context().domain(), request);
        call.jsonApi(201, Document.single(JobsJson.trigger(call, created)));
    }

    private static String text(ObjectNode attributes, String name, boolean required) {
        JsonNode value = attributes.path(name);
        if (value.isTextual() && (!required || !value.asText().isBlank())) {
            return value.asText();
        }
        if (!required && (value.isMissingNode() || value.isNull())) {
            return "";
        }
        throw ApiException.invalidAttribute(
                name, "The " + name + " must be " + (required ? "a non-empty" : "a") + " string");
    }

    void list(Call call) throws IOException {
        if (!JobsAccess.readsSome(call, Doctypes.TRIGGERS)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
        PermissionSet permissions = JobsAccess.permissions(call);
        List<Resource> out =
                jobs.triggers(call.context().domain(), split(call.query("Worker")), split(call.query("Type"))).stream()
                        .filter(t ->
                                permissions.allows(Verb.GET, JobsAccess.target(Doctypes.TRIGGERS, t.id(), t.doc())))
                        .map(t -> JobsJson.trigger(call, t))
                        .toList();
        call.jsonApi(200, Document.list(out, out.size(), null));
    }

    private static Set<String> split(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.of(value.split(","));
    }

    private Trigger allowed(Call call, Verb verb) {
        Trigger t = jobs.trigger(call.context().domain(), call.param("id"));
        JobsAccess.require(call, verb, JobsAccess.target(Doctypes.TRIGGERS, t.id(), t.doc()));
        return t;
    }

    void show(Call call) throws IOException {
        call.jsonApi(200, Document.single(JobsJson.trigger(call, allowed(call, Verb.GET))));
    }

    void state(Call call) throws IOException {
        Trigger t = allowed(call, Verb.GET);
        call.jsonApi(
                200,
                Document.single(Resource.of(
                        JobsJson.STATE_TYPE, t.id(), JobsJson.state(t), "/jobs/triggers/" + t.id() + "/state")));
    }

    void jobsOf(Call call) throws IOException {
        Trigger t = allowed(call, Verb.GET);
        int limit = (int) Math.min(1000, Math.max(1, call.number("Limit", 50)));
        List<Job> list = jobs.jobsOfTrigger(call.context().domain(), t.id(), limit);
        call.jsonApi(200, Document.list(JobsArea.resources(list), list.size(), null));
    }

    void update(Call call) throws IOException {
        Trigger t = allowed(call, Verb.PATCH);
        ObjectNode attributes = JobsArea.attributes(call.jsonObject(JobsArea.MAX_BODY));
        JsonNode arguments = attributes.path("arguments");
        JsonNode message = attributes.path("message");
        if ((!arguments.isMissingNode() && !arguments.isTextual())
                || (!message.isMissingNode() && !message.isObject())) {
            throw ApiException.invalidAttribute("arguments", "arguments must be a string and message an object");
        }
        Trigger updated = jobs.updateTrigger(
                call.context().domain(),
                t.id(),
                arguments.isTextual() ? arguments.asText() : null,
                message.isObject() ? (ObjectNode) message : null);
        call.jsonApi(200, Document.single(JobsJson.trigger(call, updated)));
    }

    void delete(Call call) {
        Trigger t = allowed(call, Verb.DELETE);
        jobs.deleteTrigger(call.context().domain(), t.id());
        call.noContent();
    }

    void launch(Call call) throws IOException {
        Trigger t = allowed(call, Verb.POST);
        call.jsonApi(
                201, Document.single(JobsJson.job(jobs.launch(call.context().domain(), t.id()))));
    }

    /** Public: whoever knows the trigger id may fire it; the body becomes the job's payload. */
    void webhook(Call call) throws IOException {
        JsonNode payload = call.hasBody()
                ? call.readJson(JobsArea.MAX_BODY)
                : Json.mapper().createObjectNode();
        jobs.webhook(call.context().domain(), call.param("id"), payload, call.flag("Manual"));
        call.noContent();
    }
}

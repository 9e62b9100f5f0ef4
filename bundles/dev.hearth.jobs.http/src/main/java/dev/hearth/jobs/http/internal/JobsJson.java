package dev.hearth.jobs.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.Trigger;
import dev.hearth.web.Call;
import java.util.LinkedHashMap;
import java.util.Map;

/** Jobs and triggers as JSON:API resources, with the links Cozy gives them. */
final class JobsJson {
    static final String STATE_TYPE = "io.cozy.triggers.state";

    private JobsJson() {}

    static Resource job(Job job) {
        ObjectNode attributes = attributes(job.doc());
        return Resource.withRev(
                Doctypes.JOBS, job.id(), job.rev(), attributes, "/jobs/" + job.worker() + "/" + job.id());
    }

    static Resource trigger(Call call, Trigger trigger) {
        ObjectNode attributes = attributes(trigger.doc());
        attributes.set("current_state", state(trigger));
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/jobs/triggers/" + trigger.id());
        if ("@webhook".equals(trigger.type())) {
            links.put(
                    "webhook",
                    call.request().getScheme() + "://" + call.context().domain() + "/jobs/webhooks/" + trigger.id());
        }
        return new Resource(Doctypes.TRIGGERS, trigger.id(), attributes, Map.of("rev", trigger.rev()), links, null);
    }

    /** The trigger's {@code current_state}, with its id and a status even before its first job. */
    static ObjectNode state(Trigger trigger) {
        ObjectNode state = trigger.doc().path("current_state") instanceof ObjectNode s
                ? s.deepCopy()
                : trigger.doc().objectNode();
        state.put("trigger_id", trigger.id());
        if (!state.has("status")) {
            state.put("status", "done");
        }
        return state;
    }

    private static ObjectNode attributes(ObjectNode doc) {
        ObjectNode attributes = doc.deepCopy();
        attributes.remove("_id");
        attributes.remove("_rev");
        return attributes;
    }
}

package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Builds and checks the documents of new jobs and the state of triggers. */
final class JobDocs {
    /** The worker of jobs a client runs and reports itself. */
    static final String CLIENT = "client";

    static final String UNKNOWN_WORKER = "Unknown worker type";

    private JobDocs() {}

    static ObjectNode newJob(
            String domain,
            JobRequest r,
            @Nullable String triggerId,
            @Nullable JsonNode event,
            @Nullable JsonNode payload,
            boolean debounced,
            Instant now) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", Ids.newId()).put("domain", domain).put("worker", r.worker());
        if (triggerId != null) {
            doc.put("trigger_id", triggerId);
        }
        doc.set("message", r.message());
        if (event != null) {
            doc.set("event", event);
        }
        if (payload != null) {
            doc.set("payload", payload);
        }
        doc.put("manual_execution", r.manual()).put("debounced", debounced).put("forward_logs", r.forwardLogs());
        ObjectNode options = doc.putObject("options");
        if (r.timeoutSeconds() != null) {
            options.put("timeout", r.timeoutSeconds());
        }
        if (r.maxExecCount() != null) {
            options.put("max_exec_count", r.maxExecCount());
        }
        doc.put("state", CLIENT.equals(r.worker()) ? Job.RUNNING : Job.QUEUED).put("queued_at", now.toString());
        if (CLIENT.equals(r.worker())) {
            doc.put("started_at", now.toString());
        }
        doc.put("exec_count", 0);
        return doc;
    }

    /** The job request of a trigger's run. */
    static JobRequest fromTrigger(ObjectNode trigger, boolean manual) {
        JsonNode message = trigger.get("message");
        JsonNode options = trigger.path("options");
        return new JobRequest(
                trigger.path("worker").asText(),
                message instanceof ObjectNode o ? o.deepCopy() : Json.mapper().createObjectNode(),
                options.path("timeout").canConvertToInt()
                                && options.path("timeout").asInt() > 0
                        ? options.path("timeout").asInt()
                        : null,
                options.path("max_exec_count").asInt(0) > 0
                        ? options.path("max_exec_count").asInt()
                        : null,
                manual,
                false);
    }

    /** Refuses options that are not positive, with 422. */
    static void checkOptions(JobRequest r) {
        if ((r.timeoutSeconds() != null && r.timeoutSeconds() <= 0)
                || (r.maxExecCount() != null && r.maxExecCount() <= 0)) {
            throw ApiException.invalidAttribute("options", "timeout and max_exec_count must be positive");
        }
    }

    /** Refuses a message or payload over the size limit, with 413. */
    static void checkSize(String what, @Nullable JsonNode value, int maxBytes) {
        if (value != null && Json.bytes(value).length > maxBytes) {
            throw ApiException.tooLarge("The " + what + " is larger than " + maxBytes + " bytes");
        }
    }

    /** Records the end of a triggered job in its trigger's {@code current_state}. */
    static ObjectNode recordState(ObjectNode trigger, ObjectNode job) {
        ObjectNode state =
                trigger.get("current_state") instanceof ObjectNode o ? o : trigger.putObject("current_state");
        String id = job.path("_id").asText();
        String at = job.path("finished_at").asText(Instant.now().toString());
        String status = job.path("state").asText();
        state.put("trigger_id", trigger.path("_id").asText()).put("status", status);
        state.put("last_execution", at).put("last_executed_job_id", id);
        if (Job.DONE.equals(status)) {
            state.put("last_success", at).put("last_successful_job_id", id);
        } else {
            state.put("last_failure", at)
                    .put("last_failed_job_id", id)
                    .put("last_error", job.path("error").asText(""));
        }
        if (job.path("manual_execution").asBoolean(false)) {
            state.put("last_manual_execution", at).put("last_manual_job_id", id);
        }
        return trigger;
    }
}

package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The jobs as the service's clients see them: read from the store with those running here shown
 * running (their stores still say queued, see {@link JobRunner}); and the writes a client makes
 * to stored jobs (a client job's end, the purge of old ones).
 */
final class JobReads {
    static final int MAX_LISTED = 100_000;

    private final JobStore store;
    private final JobRunner runner;
    private final Clock clock;
    private final BiConsumer<String, ObjectNode> ended;

    JobReads(JobStore store, JobRunner runner, Clock clock, BiConsumer<String, ObjectNode> ended) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.ended = ended;
    }

    Job job(String domain, String id) {
        ObjectNode running = runner.live(domain, id);
        return new Job(running != null ? running : store.get(domain, Doctypes.JOBS, id));
    }

    /** The stored jobs with those running here as they run (their stores say queued). */
    private List<ObjectNode> withRunning(String domain, List<ObjectNode> docs) {
        return docs.stream()
                .map(d -> {
                    ObjectNode running = runner.live(domain, d.path("_id").asText());
                    return running != null ? running : d;
                })
                .toList();
    }

    List<Job> queued(String domain, String worker) {
        ObjectNode selector =
                Json.mapper().createObjectNode().put("state", Job.QUEUED).put("worker", worker);
        List<ObjectNode> docs = store.query(domain, Doctypes.JOBS, selector, MAX_LISTED).stream()
                .filter(d -> runner.live(domain, d.path("_id").asText()) == null)
                .toList();
        return JobStore.jobs(docs, false, MAX_LISTED);
    }

    Job finishClientJob(String domain, String id, String state, @Nullable String error) {
        if (!Job.DONE.equals(state) && !Job.ERRORED.equals(state)) {
            throw ApiException.invalidAttribute("state", "The state must be done or errored");
        }
        ObjectNode current = store.get(domain, Doctypes.JOBS, id);
        if (!JobDocs.CLIENT.equals(current.path("worker").asText())) {
            throw ApiException.forbidden("Only the jobs of the client worker can be finished this way");
        }
        ObjectNode saved = store.update(domain, Doctypes.JOBS, id, d -> {
            d.put("state", state).put("finished_at", clock.instant().toString());
            if (error != null && Job.ERRORED.equals(state)) {
                d.put("error", error);
            } else {
                d.remove("error");
            }
            return d;
        });
        if (saved == null) {
            throw ApiException.notFound(JobStore.JOB_NOT_FOUND);
        }
        if (saved.path("trigger_id").asText("").length() > 0) {
            ended.accept(domain, saved);
        }
        return new Job(saved);
    }

    int purge(String domain, Duration age, Set<String> workers) {
        Instant limit = clock.instant().minus(age);
        ObjectNode selector = Json.mapper().createObjectNode();
        selector.putObject("state").putArray("$in").add(Job.DONE).add(Job.ERRORED);
        int deleted = 0;
        for (ObjectNode doc : store.query(domain, Doctypes.JOBS, selector, MAX_LISTED)) {
            String finished =
                    doc.path("finished_at").asText(doc.path("queued_at").asText());
            boolean old = !finished.isEmpty() && Instant.parse(finished).isBefore(limit);
            if (old
                    && (workers.isEmpty() || workers.contains(doc.path("worker").asText()))
                    && store.delete(domain, Doctypes.JOBS, doc.path("_id").asText())) {
                deleted++;
            }
        }
        return deleted;
    }

    /** The jobs of a trigger (which must exist), newest first. */
    List<Job> ofTrigger(String domain, String triggerId, int limit) {
        store.get(domain, Doctypes.TRIGGERS, triggerId);
        ObjectNode selector = Json.mapper().createObjectNode().put("trigger_id", triggerId);
        return JobStore.jobs(
                withRunning(domain, store.query(domain, Doctypes.JOBS, selector, MAX_LISTED)),
                true,
                Math.max(1, limit));
    }
}

package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.WorkerGate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers' side of the jobs service: their documents written and handed to the scheduler
 * ({@link Triggers}), every change told to the other nodes, and the jobs they fire, declined by
 * their worker's {@link WorkerGate} or stored through the service.
 */
final class TriggerDocs {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerDocs.class);

    /** What the triggers need of the jobs service. */
    interface Jobs {
        boolean accepts(String worker);

        /** Stores new jobs of one instance in one write, queued to run; returns them as stored. */
        List<ObjectNode> storeAll(String domain, List<ObjectNode> docs);

        /** Records the end of a job of a trigger in the trigger's state. */
        void ended(String domain, ObjectNode job);

        /** Tells the other nodes that a trigger changed. */
        void told(String domain, String id);
    }

    private final JobStore store;
    private final Triggers triggers;
    private final Broker broker;
    private final JobsConfig config;
    private final Clock clock;
    private final Jobs jobs;

    TriggerDocs(JobStore store, Triggers triggers, Broker broker, JobsConfig config, Clock clock, Jobs jobs) {
        this.store = store;
        this.triggers = triggers;
        this.broker = broker;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    Trigger create(String domain, TriggerRequest request) {
        if (!jobs.accepts(request.worker())) {
            throw ApiException.notFound(JobDocs.UNKNOWN_WORKER + ": " + request.worker());
        }
        JobDocs.checkSize("message", request.message(), config.maxMessageBytes());
        ObjectNode doc = triggers.newDocument(domain, request);
        ObjectNode saved = store.create(domain, Doctypes.TRIGGERS, doc);
        triggers.load(domain, saved);
        jobs.told(domain, saved.path("_id").asText());
        return new Trigger(saved);
    }

    List<Trigger> list(String domain, Set<String> workers, Set<String> types) {
        return store.allTriggers(domain).stream()
                .filter(d ->
                        workers.isEmpty() || workers.contains(d.path("worker").asText()))
                .filter(d -> types.isEmpty() || types.contains(d.path("type").asText()))
                .map(Trigger::new)
                .toList();
    }

    Trigger update(String domain, String id, @Nullable String arguments, @Nullable ObjectNode message) {
        ObjectNode current = store.get(domain, Doctypes.TRIGGERS, id);
        String type = current.path("type").asText();
        Instant now = clock.instant();
        var spec = arguments == null ? null : Triggers.parse(type, arguments, now, id);
        JobDocs.checkSize("message", message, config.maxMessageBytes());
        ObjectNode saved = store.update(domain, Doctypes.TRIGGERS, id, d -> {
            if (arguments != null) {
                d.put("arguments", arguments);
                ((ObjectNode) d.path("cozyMetadata")).put("createdAt", now.toString());
                if (spec != null && spec.schedule() != null) {
                    Instant next = spec.schedule().next(now);
                    d.put("next_execution", (next == null ? now : next).toString());
                }
            }
            if (message != null) {
                d.set("message", message);
            }
            if (d.path("cozyMetadata") instanceof ObjectNode meta) {
                meta.put("updatedAt", now.toString());
            }
            return d;
        });
        if (saved == null) {
            throw ApiException.notFound(JobStore.TRIGGER_NOT_FOUND);
        }
        triggers.unload(domain, id);
        triggers.load(domain, saved);
        jobs.told(domain, id);
        return new Trigger(saved);
    }

    void delete(String domain, String id) {
        if (!store.delete(domain, Doctypes.TRIGGERS, id)) {
            throw ApiException.notFound(JobStore.TRIGGER_NOT_FOUND);
        }
        triggers.unload(domain, id);
        jobs.told(domain, id);
    }

    /**
     * Reads an instance's triggers again: its store was replaced (by an import), and then the other
     * nodes are told of each ({@code tell}), or notices from them were lost. A trigger gone from the
     * store is dropped by any node at its next fire.
     */
    void reload(String domain, boolean tell) {
        triggers.unloadDomain(domain);
        for (ObjectNode t : store.allTriggers(domain)) {
            triggers.load(domain, t);
            if (tell) {
                jobs.told(domain, t.path("_id").asText());
            }
        }
    }

    /** Creates the job of a trigger that fired (null when its worker declined it). */
    @Nullable
    Job pushTriggered(
            String domain,
            ObjectNode trigger,
            boolean manual,
            @Nullable JsonNode event,
            @Nullable JsonNode payload,
            boolean debounced) {
        String declined = manual ? null : declined(domain, trigger);
        if (declined != null) {
            LOG.info(
                    "The trigger {} of '{}' fired; its {} worker declined the job: {}",
                    trigger.path("_id").asText(),
                    domain,
                    trigger.path("worker").asText(),
                    declined);
            return null;
        }
        JobRequest request = JobDocs.fromTrigger(trigger, manual);
        ObjectNode doc = JobDocs.newJob(
                domain, request, trigger.path("_id").asText(), event, payload, debounced, clock.instant());
        if (!jobs.accepts(request.worker())) {
            doc.put("state", Job.ERRORED).put("error", JobDocs.UNKNOWN_WORKER + ": " + request.worker());
            doc.put("finished_at", clock.instant().toString());
            ObjectNode saved = store.create(domain, Doctypes.JOBS, doc);
            jobs.ended(domain, saved);
            return new Job(saved);
        }
        return new Job(jobs.storeAll(domain, List.of(doc)).getFirst());
    }

    /** Creates the jobs of an {@code @event} trigger for events, unless it is gone. */
    void fireEvents(String domain, String id, List<ObjectNode> events, boolean debounced) {
        ObjectNode trigger = store.find(domain, Doctypes.TRIGGERS, id);
        if (trigger != null) {
            pushEvents(domain, trigger, events, debounced);
        }
    }

    /**
     * Creates the jobs of an {@code @event} trigger for several events, in one write when its
     * worker is registered: each event's job as {@link #pushTriggered} would create it.
     */
    void pushEvents(String domain, ObjectNode trigger, List<ObjectNode> events, boolean debounced) {
        String triggerId = trigger.path("_id").asText();
        if (events.size() == 1 || !jobs.accepts(trigger.path("worker").asText())) {
            events.forEach(e -> pushTriggered(domain, trigger, false, e, null, debounced));
            return;
        }
        Instant now = clock.instant();
        List<ObjectNode> docs = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            String declined = declined(domain, trigger);
            if (declined == null) {
                docs.add(JobDocs.newJob(
                        domain, JobDocs.fromTrigger(trigger, false), triggerId, event, null, debounced, now));
            } else {
                LOG.info("The trigger {} of '{}' fired; its worker declined the job: {}", triggerId, domain, declined);
            }
        }
        if (!docs.isEmpty()) {
            jobs.storeAll(domain, docs);
        }
    }

    /** Why the worker of a trigger declines the job it fires on its own, or null. */
    private @Nullable String declined(String domain, ObjectNode trigger) {
        Broker.Registration reg = broker.worker(trigger.path("worker").asText());
        if (reg == null || !(reg.worker() instanceof WorkerGate gate)) {
            return null;
        }
        try {
            return gate.decline(domain, new Trigger(trigger));
        } catch (RuntimeException e) {
            LOG.warn("The {} worker failed to decide on a job of the trigger {}", reg.type(), trigger.path("_id"), e);
            return null;
        }
    }
}

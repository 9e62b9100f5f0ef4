package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.internal.schedule.GoDuration;
import dev.hearth.jobs.internal.schedule.TriggerSpec;
import dev.hearth.jobs.internal.schedule.TriggerSyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers: their documents, and their runtime state (time triggers on the {@link Agenda},
 * event triggers on {@link EventTriggers}). A time trigger's next fire time is stored in its
 * document ({@code next_execution}) each time it changes, so it survives restarts; when the
 * server was down at that time, the trigger fires once at start, then follows its schedule from
 * the current time (a missed period is never fired more than once).
 */
final class Triggers {
    private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
    private static final int CLAIM_TRIES = 8;

    /** Creates the job of a trigger (null when its worker declined it). */
    interface Push {
        @Nullable
        Job push(
                String domain,
                ObjectNode trigger,
                boolean manual,
                @Nullable JsonNode event,
                @Nullable JsonNode payload,
                boolean debounced);
    }

    private final JobStore store;
    private final Clock clock;
    private final Agenda agenda = new Agenda();
    private final EventTriggers events;
    private final Push push;
    /** Whether other nodes fire the same triggers: each fire time is then claimed first. */
    private volatile boolean shared;

    Triggers(JobStore store, Clock clock, EventTriggers events, Push push) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.push = push;
    }

    /** Claims each fire time before firing from now on: other nodes fire the same triggers. */
    void shareFires() {
        this.shared = true;
    }

    /** The document of a new trigger, validated, with its next fire time. */
    ObjectNode newDocument(String domain, TriggerRequest r) {
        String id = Ids.newId();
        Instant now = clock.instant();
        TriggerSpec spec = parse(r.type(), r.arguments(), now, id);
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id).put("domain", domain).put("type", r.type()).put("worker", r.worker());
        doc.put("arguments", r.arguments());
        if (r.debounce() != null && !r.debounce().isEmpty()) {
            debounce(r.debounce());
            doc.put("debounce", r.debounce());
        }
        if (r.options() != null) {
            doc.set("options", r.options());
        }
        doc.set("message", r.message());
        ObjectNode meta = doc.putObject("cozyMetadata");
        meta.put("doctypeVersion", "1").put("metadataVersion", 1).put("createdAt", now.toString());
        meta.put("updatedAt", now.toString());
        if (spec.schedule() != null) {
            Instant next = spec.schedule().next(now);
            if (next == null && !spec.schedule().once()) {
                throw ApiException.invalidAttribute("arguments", "The schedule \"" + r.arguments() + "\" never fires");
            }
            doc.put("next_execution", (next == null ? now : next).toString());
        }
        return doc;
    }

    static TriggerSpec parse(String type, String arguments, Instant created, String id) {
        try {
            return TriggerSpec.parse(type, arguments, created, TriggerSpec.seed(id));
        } catch (TriggerSyntaxException e) {
            throw new ApiException(
                    400,
                    "Bad Request",
                    "Invalid arguments of the " + type + " trigger: " + e.getMessage(),
                    null,
                    "/data/attributes/arguments");
        }
    }

    static Duration debounce(String text) {
        try {
            Duration d = GoDuration.parse(text);
            if (d.isNegative()) {
                throw new TriggerSyntaxException("a debounce cannot be negative");
            }
            return d;
        } catch (TriggerSyntaxException e) {
            throw new ApiException(
                    400, "Bad Request", "Invalid debounce: " + e.getMessage(), null, "/data/attributes/debounce");
        }
    }

    /** Starts tracking a stored trigger. A trigger that no longer parses is logged and left alone. */
    void load(String domain, ObjectNode doc) {
        String id = doc.path("_id").asText();
        TriggerSpec spec;
        try {
            spec = TriggerSpec.parse(
                    doc.path("type").asText(), doc.path("arguments").asText(""), created(doc), TriggerSpec.seed(id));
        } catch (TriggerSyntaxException e) {
            LOG.warn("The trigger {} of '{}' does not parse and will not fire: {}", id, domain, e.getMessage());
            return;
        }
        if (spec.schedule() != null) {
            Instant next = instant(doc.path("next_execution").asText(null));
            if (next == null) {
                next = spec.schedule().next(created(doc));
            }
            if (next != null) {
                agenda.put(domain, id, next);
            }
        } else if (spec.events() != null) {
            String debounce = doc.path("debounce").asText("");
            events.add(domain, id, spec.events(), debounce.isEmpty() ? Duration.ZERO : GoDuration.parse(debounce));
        }
    }

    void unload(String domain, String id) {
        agenda.remove(domain, id);
        events.remove(domain, id);
    }

    void unloadDomain(String domain) {
        agenda.removeDomain(domain);
        events.removeDomain(domain);
    }

    private static Instant created(ObjectNode doc) {
        Instant created = instant(doc.path("cozyMetadata").path("createdAt").asText(null));
        return created == null ? Instant.EPOCH : created;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Fires the time triggers due at the clock's current time; returns how many fired. */
    int tick() {
        Instant now = clock.instant();
        int fired = 0;
        for (Agenda.Due due : agenda.takeDue(now)) {
            try {
                if (shared ? fireClaimed(due.domain(), due.id(), now) : fireScheduled(due.domain(), due.id(), now)) {
                    fired++;
                }
            } catch (RuntimeException e) {
                LOG.warn("The trigger {} of '{}' could not fire", due.id(), due.domain(), e);
            }
        }
        return fired;
    }

    /**
     * Fires a due trigger: its next time is on the agenda before its job is queued (a failure
     * below never stops the trigger), then stored in its document.
     */
    private boolean fireScheduled(String domain, String id, Instant now) {
        ObjectNode doc = store.find(domain, Doctypes.TRIGGERS, id);
        if (doc == null) {
            return false;
        }
        TriggerSpec spec = TriggerSpec.parse(
                doc.path("type").asText(), doc.path("arguments").asText(""), created(doc), TriggerSpec.seed(id));
        boolean once = spec.schedule() == null || spec.schedule().once();
        Instant next = once ? null : spec.schedule().next(now);
        if (next != null) {
            agenda.put(domain, id, next);
        }
        push.push(domain, doc, false, null, null, false);
        if (once) {
            store.delete(domain, Doctypes.TRIGGERS, id);
            return true;
        }
        try {
            store.update(domain, Doctypes.TRIGGERS, id, d -> {
                if (next == null) {
                    d.remove("next_execution");
                } else {
                    d.put("next_execution", next.toString());
                }
                return d;
            });
        } catch (RuntimeException e) {
            LOG.warn("The next time of the trigger {} of '{}' could not be stored", id, domain, e);
        }
        return true;
    }

    /**
     * Fires a due trigger when this node claims its fire time: the trigger's stored next time must
     * still be due, and moving it on (or deleting a trigger that fires once) must succeed over the
     * revision read, so of the nodes firing one time only the first to write creates the job. A
     * node that finds the time moved on takes the stored time. A crash between the claim and the
     * job's creation loses that one fire.
     */
    private boolean fireClaimed(String domain, String id, Instant now) {
        for (int i = 0; i < CLAIM_TRIES; i++) {
            ObjectNode doc = store.find(domain, Doctypes.TRIGGERS, id);
            if (doc == null) {
                return false;
            }
            TriggerSpec spec = TriggerSpec.parse(
                    doc.path("type").asText(), doc.path("arguments").asText(""), created(doc), TriggerSpec.seed(id));
            Instant stored = instant(doc.path("next_execution").asText(null));
            if (stored != null && stored.isAfter(now)) {
                agenda.put(domain, id, stored); // fired by another node
                return false;
            }
            boolean once = spec.schedule() == null || spec.schedule().once();
            Instant next = once ? null : spec.schedule().next(now);
            ObjectNode claim = doc.deepCopy();
            if (once) {
                claim = Json.mapper()
                        .createObjectNode()
                        .put("_id", id)
                        .put("_rev", doc.path("_rev").asText());
                claim.put("_deleted", true);
            } else if (next == null) {
                claim.remove("next_execution");
            } else {
                claim.put("next_execution", next.toString());
            }
            if (store.saveIfCurrent(domain, Doctypes.TRIGGERS, claim)) {
                if (next != null) {
                    agenda.put(domain, id, next);
                }
                push.push(domain, doc, false, null, null, false);
                return true;
            }
        }
        agenda.put(domain, id, now.plusSeconds(1)); // kept changing: try again soon
        return false;
    }

    /** Reads a trigger again (another node changed it). */
    void reload(String domain, String id) {
        unload(domain, id);
        ObjectNode doc = store.find(domain, Doctypes.TRIGGERS, id);
        if (doc != null) {
            load(domain, doc);
        }
    }

    @Nullable
    Instant nextFire(String domain, String id) {
        return agenda.next(domain, id);
    }

    int scheduled() {
        return agenda.size();
    }

    int watching() {
        return events.count();
    }
}

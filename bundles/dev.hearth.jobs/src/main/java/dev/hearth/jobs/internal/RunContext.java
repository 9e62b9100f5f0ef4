package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobContext;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One run of a job, as its worker sees it; cancelled at its deadline or when its worker goes. */
final class RunContext implements JobContext {
    private final String domain;
    private final ObjectNode doc;
    private final Instant deadline;
    private final Thread thread;
    private volatile boolean cancelled;
    private volatile boolean timedOut;

    RunContext(String domain, ObjectNode doc, Instant deadline, Thread thread) {
        this.domain = domain;
        this.doc = doc;
        this.deadline = deadline;
        this.thread = thread;
    }

    /** Cancels the run and interrupts its thread. */
    void cancel(boolean timeout) {
        timedOut |= timeout;
        cancelled = true;
        thread.interrupt();
    }

    boolean timedOut() {
        return timedOut;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public String jobId() {
        return doc.path("_id").asText();
    }

    @Override
    public String workerType() {
        return doc.path("worker").asText();
    }

    @Override
    public ObjectNode message() {
        JsonNode message = doc.get("message");
        return message instanceof ObjectNode o ? o.deepCopy() : Json.mapper().createObjectNode();
    }

    @Override
    public @Nullable JsonNode payload() {
        return nullable(doc.get("payload"));
    }

    @Override
    public @Nullable JsonNode event() {
        return nullable(doc.get("event"));
    }

    private static @Nullable JsonNode nullable(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.deepCopy();
    }

    @Override
    public @Nullable String triggerId() {
        JsonNode id = doc.get("trigger_id");
        return id == null || !id.isTextual() || id.asText().isEmpty() ? null : id.asText();
    }

    @Override
    public boolean manual() {
        return doc.path("manual_execution").asBoolean(false);
    }

    @Override
    public int attempt() {
        return doc.path("exec_count").asInt(1);
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }
}

package dev.hearth.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job as stored: its {@code io.cozy.jobs} document ({@code _id}, {@code _rev}, {@code domain},
 * {@code worker}, {@code trigger_id}, {@code message}, {@code event}, {@code payload}, {@code
 * manual_execution}, {@code debounced}, {@code options}, {@code state}, {@code queued_at},
 * {@code started_at}, {@code finished_at}, {@code error}, {@code exec_count}). Callers must not
 * modify the document.
 */
public record Job(ObjectNode doc) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String ERRORED = "errored";

    public String id() {
        return doc.path("_id").asText();
    }

    public String rev() {
        return doc.path("_rev").asText();
    }

    public String worker() {
        return doc.path("worker").asText();
    }

    public String state() {
        return doc.path("state").asText();
    }
}

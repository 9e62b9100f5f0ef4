package dev.hearth.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trigger as stored: its {@code io.cozy.triggers} document ({@code _id}, {@code _rev}, {@code
 * domain}, {@code type}, {@code worker}, {@code arguments}, {@code debounce}, {@code options},
 * {@code message}, {@code current_state}, {@code cozyMetadata}). Callers must not modify the
 * document.
 */
public record Trigger(ObjectNode doc) {

    public String id() {
        return doc.path("_id").asText();
    }

    public String rev() {
        return doc.path("_rev").asText();
    }

    public String type() {
        return doc.path("type").asText();
    }

    public String worker() {
        return doc.path("worker").asText();
    }
}

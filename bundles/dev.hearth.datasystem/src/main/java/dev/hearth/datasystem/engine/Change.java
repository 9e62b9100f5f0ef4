package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The effect of one durable write, for the writer's answer and for realtime events.
 *
 * @param created whether the document did not exist (or was deleted) before
 * @param body the stored body of the new winning revision
 */
public record Change(String id, String rev, boolean created, boolean deleted, byte[] body) {

    /** The document as events carry it: {@code _id}, {@code _rev}, its fields, {@code _deleted} when deleted. */
    public ObjectNode document() {
        ObjectNode doc = Bodies.document(id, rev, deleted ? new byte[] {'{', '}'} : body);
        if (deleted) {
            doc.put("_deleted", true);
        }
        return doc;
    }
}

package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a link is asked to do: run a query, save a document, destroy one. */
public sealed interface Operation {
    String doctype();

    /** Runs a query definition. */
    record Query(Q definition) implements Operation {
        @Override
        public String doctype() {
            return definition.doctype();
        }
    }

    /** Creates a document (without {@code _rev}) or updates it (with the {@code _rev} it updates). */
    record Save(String doctype, ObjectNode doc) implements Operation {}

    /** Deletes a document at its {@code _rev}. */
    record Destroy(String doctype, ObjectNode doc) implements Operation {}
}

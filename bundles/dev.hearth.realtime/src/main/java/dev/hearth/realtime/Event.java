package dev.hearth.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something that happened to a document of an instance.
 *
 * @param domain the instance
 * @param verb what happened
 * @param doctype the document's doctype
 * @param id the document's id
 * @param doc the full document as it is now ({@code _id}, {@code _rev}, and {@code _deleted} for
 *     deletions); for {@link Verb#NOTIFIED}, the notified body. Receivers must not modify it.
 */
public record Event(String domain, Verb verb, String doctype, String id, ObjectNode doc) {

    /** The kinds of events. */
    public enum Verb {
        CREATED,
        UPDATED,
        DELETED,
        /** A message broadcast to subscribers without being stored. */
        NOTIFIED
    }
}

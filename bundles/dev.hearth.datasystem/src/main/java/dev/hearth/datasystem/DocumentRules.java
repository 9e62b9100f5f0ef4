package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Rules that the documents of a doctype must follow on an instance, such as the JSON Schemas its
 * installed apps ship. The datasystem asks every registered service before it writes a document
 * (a creation or an update, by a single save, a bulk save or {@code _bulk_docs}, replicated
 * revisions included); deletions, design documents and local documents are never checked. A
 * refused document is not written: a single save fails with 403 {@code forbidden} (as CouchDB's
 * {@code validate_doc_update}), {@code _bulk_docs} gives that error for that document alone.
 * Bundles above the datasystem (the apps) implement it; the datasystem works without any.
 *
 * @since 1.6
 */
@ConsumerType
public interface DocumentRules {

    /**
     * Whether any rule applies to {@code doctype} on the instance at {@code domain}: when not, its
     * writes are not checked (and {@code _bulk_docs} keeps streaming its body). Called on every
     * write, so it must be cheap.
     */
    boolean governs(String domain, String doctype);

    /**
     * What is wrong with a document about to be written: one short sentence per violation, naming
     * the place in the document and the rule it breaks (for example {@code /title: expected a
     * string (type)}); empty when the document follows every rule.
     *
     * @param document the document as the client sent it, CouchDB's special members ({@code _id},
     *     {@code _rev}, ...) included; not to be changed
     */
    List<String> violations(String domain, String doctype, ObjectNode document);
}

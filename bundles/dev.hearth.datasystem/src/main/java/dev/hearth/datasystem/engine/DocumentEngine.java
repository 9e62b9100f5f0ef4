package dev.hearth.datasystem.engine;

import dev.hearth.datasystem.Database;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the documents of instances are stored: the data service asks the engine it is configured
 * for ({@code documents.target}, by default {@code (hearth.documents=embedded)}) for each
 * database, and wraps it with what does not depend on the storage (document rules, realtime
 * events). An engine registers this service with the property {@link #PROPERTY} naming it.
 *
 * <p>The classes of this package that are not services (revision trees, revision ids, document
 * ids and input, stored bodies) are the CouchDB semantics every engine shares.
 */
@ConsumerType
public interface DocumentEngine {
    /** The service property that names an engine ({@code embedded}, {@code postgres}). */
    String PROPERTY = "hearth.documents";

    /**
     * The database of one doctype of an instance (created lazily by its first write or by
     * {@link Database#create}). The data service checks the instance and the doctype name first.
     *
     * @param changes told of every durable change, after it is durable
     */
    Database database(String domain, String doctype, ChangeSink changes);

    /** The doctypes that have a database in the instance, by name. */
    List<String> doctypes(String domain);

    /**
     * The instance is being destroyed (it is already hidden from new requests): the engine
     * releases what it holds for it and deletes the documents that the instance's folder does not
     * hold.
     */
    void destroy(String domain);
}

package dev.hearth.datasystem;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The document databases of the instances: one database per doctype per instance, with CouchDB
 * semantics. Every write made through it publishes a realtime event once it is durable.
 */
@ProviderType
public interface DataService {

    /**
     * The database of {@code doctype} in the instance at {@code domain}. It may not exist yet:
     * writes create it, reads of a missing database fail with 404.
     */
    Database database(String domain, String doctype);

    /** The doctypes of the instance that have a database, sorted. */
    List<String> doctypes(String domain);
}

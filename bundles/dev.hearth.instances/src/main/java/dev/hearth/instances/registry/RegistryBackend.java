package dev.hearth.instances.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.instances.InstanceSecrets;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Storage of the instance registry shared by several nodes. The embedded registry keeps one folder
 * per instance on the node's disk and needs no backend; a node whose {@code dev.hearth.instances}
 * configuration sets {@code backend.cardinality.minimum=1} waits for a service of this type (its
 * {@code backend.target} filter, by default {@code (hearth.instances=shared)}) and keeps nothing
 * of its instances on disk.
 *
 * <p>A record is the instance's JSON as the registry writes it; the backend stores it as given and
 * never interprets it. Every node holds the records in memory and learns of the changes other nodes
 * make through {@link #watch}.
 */
@ConsumerType
public interface RegistryBackend {
    /** The service property naming a backend. */
    String PROPERTY = "hearth.instances";

    /** Every published instance's record. */
    List<ObjectNode> loadAll() throws IOException;

    /** The record of a published instance, or null. */
    @Nullable
    ObjectNode load(String domain) throws IOException;

    /**
     * Stores a new instance, not yet visible to {@link #load} or {@link #loadAll}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the domain is taken, published or not
     */
    void create(String domain, ObjectNode record, InstanceSecrets secrets) throws IOException;

    /** Makes a created instance visible to every node. */
    void publish(String domain) throws IOException;

    /**
     * Replaces a record by {@code change} applied to the stored one, one change of an instance at a
     * time across nodes; an exception of {@code change} leaves the record as it was.
     *
     * @return the stored record, or null when the instance is gone
     */
    @Nullable
    ObjectNode update(String domain, UnaryOperator<ObjectNode> change) throws IOException;

    /** The signing keys of an instance, created or published. */
    InstanceSecrets secrets(String domain) throws IOException;

    /** Removes an instance, its secrets and its private files. */
    void delete(String domain) throws IOException;

    /** A small private file of an instance (a passphrase hash), or null. */
    byte @Nullable [] readPrivate(String domain, String name) throws IOException;

    /** Replaces a private file of an instance atomically. */
    void writePrivate(String domain, String name, byte[] content) throws IOException;

    /** Removes a private file of an instance; nothing when there is none. */
    void deletePrivate(String domain, String name) throws IOException;

    /**
     * Tells {@code changed} the domain of every instance created, published, changed or deleted
     * by any node, this one included, or null when changes may have been missed (a lost
     * connection) and everything should be read again.
     *
     * @return stops the watch
     */
    AutoCloseable watch(Consumer<@Nullable String> changed);

    /** What stores the registry, for {@code /status}, such as {@code postgres}. */
    String describe();
}

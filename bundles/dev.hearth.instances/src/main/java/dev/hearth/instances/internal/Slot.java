package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.registry.RegistryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The place of one live instance in the registry. Its monitor is the instance's lock: changes of
 * the record are written under it, one at a time, and a destroy takes it once to make sure no
 * change is written after it. Reads take the current record without locking.
 */
final class Slot {

    private volatile InstanceRecord record;
    private volatile @Nullable InstanceSecrets secrets;
    private boolean retired;

    Slot(InstanceRecord record, @Nullable InstanceSecrets secrets) {
        this.record = record;
        this.secrets = secrets;
    }

    InstanceRecord record() {
        return record;
    }

    /**
     * Applies a change under the instance's lock to the stored record (on a shared registry, the
     * one another node may have written last) and keeps the result once it is stored. A change
     * that returns the same record writes nothing.
     *
     * @throws ApiException 404 when the instance was destroyed meanwhile
     */
    synchronized InstanceRecord update(UnaryOperator<InstanceRecord> change, RegistryBackend backend) {
        if (retired) {
            throw ApiException.notFound("Instance not found");
        }
        String domain = record.domain();
        AtomicReference<InstanceRecord> result = new AtomicReference<>();
        ObjectNode stored;
        try {
            stored = backend.update(domain, json -> {
                InstanceRecord fresh = Records.fromJson(json.deepCopy());
                InstanceRecord updated = change.apply(fresh);
                result.set(updated);
                return updated == fresh ? json : Records.toJson(updated);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save instance " + domain, e);
        }
        if (stored == null) {
            throw ApiException.notFound("Instance not found");
        }
        record = result.get();
        return record;
    }

    /** Takes a record another node stored, unless the instance is retired here. */
    synchronized void refresh(InstanceRecord stored) {
        if (!retired) {
            record = stored;
        }
    }

    /** Refuses every later change, once the change in progress (if any) is written. */
    synchronized InstanceRecord retire() {
        retired = true;
        return record;
    }

    /** The signing keys, read from the backend on first use (they never change). */
    InstanceSecrets secrets(SecretsReader reader) {
        InstanceSecrets keys = secrets;
        if (keys == null) {
            synchronized (this) {
                keys = secrets;
                if (keys == null) {
                    keys = reader.read(record.domain());
                    secrets = keys;
                }
            }
        }
        return keys;
    }

    /** Reads the secrets of a domain. */
    @FunctionalInterface
    interface SecretsReader {
        InstanceSecrets read(String domain);
    }
}

package dev.hearth.instances.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The place of one live instance in the registry. Its monitor is the instance's lock: changes of
 * the record are written under it, one at a time, and a destroy takes it once to make sure no
 * change is written after it. Reads take the current record without locking.
 */
final class Slot {

    /** Writes a record to disk. */
    @FunctionalInterface
    interface Writer {
        void write(InstanceRecord record) throws IOException;
    }

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
     * Applies a change under the instance's lock and writes the result before it becomes
     * visible. A change that returns the same record writes nothing.
     *
     * @throws ApiException 404 when the instance was destroyed meanwhile
     */
    synchronized InstanceRecord update(UnaryOperator<InstanceRecord> change, Writer writer) {
        if (retired) {
            throw ApiException.notFound("Instance not found");
        }
        InstanceRecord current = record;
        InstanceRecord updated = change.apply(current);
        if (updated != current) {
            try {
                writer.write(updated);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save instance " + current.domain(), e);
            }
            record = updated;
        }
        return updated;
    }

    /** Refuses every later change, once the change in progress (if any) is written. */
    synchronized InstanceRecord retire() {
        retired = true;
        return record;
    }

    /** The signing keys, read from disk on first use. */
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

package dev.hearth.datasystem.engine;

import org.osgi.annotation.versioning.ProviderType;

/** Told by an engine of each durable change, so that the data service publishes it. */
@ProviderType
@FunctionalInterface
public interface ChangeSink {
    void changed(String domain, String doctype, Change change);
}

package dev.hearth.datasystem.internal;

import dev.hearth.datasystem.engine.DocumentEngine;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the document databases. */
@ObjectClassDefinition(
        name = "Hearth datasystem",
        description = "Durability, limits and housekeeping of the document databases.")
public @interface DataSystemConfig {
    String PID = "dev.hearth.datasystem";

    @AttributeDefinition(
            name = "Document engine",
            description = "The engine that stores the documents, as a filter on its 'hearth.documents' property:"
                    + " (hearth.documents=embedded) for a store per instance in its folder, (hearth.documents=postgres)"
                    + " for PostgreSQL. The data service waits until the engine named is there.")
    String documents_target() default "(" + DocumentEngine.PROPERTY + "=embedded)";

    @AttributeDefinition(
            name = "Durability",
            description = "commit: a write is acknowledged once written to the store file (survives a killed process); "
                    + "fsync: also synced to disk at each group commit (survives a power loss).",
            options = {@Option(label = "commit", value = "commit"), @Option(label = "fsync", value = "fsync")})
    String durability() default "commit";

    @AttributeDefinition(
            name = "Revisions limit",
            description = "Revisions kept per document branch (CouchDB's revs_limit).")
    int revsLimit() default 1000;

    @AttributeDefinition(name = "Maximum document size", description = "Largest document body accepted, in bytes.")
    int maxDocumentBytes() default 8_000_000;

    @AttributeDefinition(
            name = "Idle close",
            description = "Seconds without use after which an instance's store is closed.")
    int idleCloseSeconds() default 300;

    @AttributeDefinition(
            name = "Cache",
            description = "Smallest page cache of an open store, in megabytes (that of a small store).")
    int cacheMegabytes() default 4;

    @AttributeDefinition(
            name = "Largest cache",
            description = "Largest page cache of one open store, in megabytes: the cache of a store whose reads"
                    + " keep missing it grows with its file (twice the file, in powers of two) up to this, so"
                    + " that the pages a large store's queries read stay in memory while the many small or"
                    + " write-only stores keep small caches; it shrinks back ten seconds after the store's"
                    + " last use.")
    int cacheMaxMegabytes() default 64;

    @AttributeDefinition(
            name = "Cache budget",
            description = "Most memory, in megabytes, that the grown page caches of all the open stores hold"
                    + " together (at most a quarter of the largest heap): a store whose cache would grow"
                    + " past it takes the memory of stores not in use, or grows less; 0 keeps every cache"
                    + " at its smallest size.")
    int cacheBudgetMegabytes() default 256;

    @AttributeDefinition(name = "Compaction interval", description = "Seconds between compactions of the open stores.")
    int compactionSeconds() default 60;

    @AttributeDefinition(
            name = "Purge deleted documents after",
            description =
                    "Days after which a deleted document (a tombstone) is purged from its database, checked hourly"
                            + " on open stores; 0 keeps tombstones for ever. A replica that has not synced for longer than this"
                            + " may bring a purged document back.")
    int purgeDeletedAfterDays() default 180;
}

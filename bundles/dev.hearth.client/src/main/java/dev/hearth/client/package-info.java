/**
 * A client of the {@code /data} API: immutable query definitions ({@link dev.hearth.client.Q}), a
 * chain of {@link dev.hearth.client.Link}s that run them, and a normalized store
 * ({@link dev.hearth.client.HearthClient}) whose stored queries re-evaluate themselves in memory,
 * with the server's own Mango engine, after every result, mutation and realtime event; a
 * {@link dev.hearth.client.Realtime} connection that reconnects and catches up; and a
 * {@link dev.hearth.client.ReplicaLink}, an offline replica kept in sync by CouchDB's replication
 * protocol. Plain Java over Jackson trees, usable outside OSGi.
 */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.client;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

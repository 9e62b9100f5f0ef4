/**
 * Jobs and triggers of the instances, and the {@link dev.hearth.jobs.Worker} whiteboard that
 * runs jobs. Jobs are {@code io.cozy.jobs} documents and triggers {@code io.cozy.triggers}
 * documents in the instance's own store, so they survive restarts and their changes reach the
 * realtime hub like any other write.
 */
@Export
@Version("1.3.0")
@NullMarked
package dev.hearth.jobs;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

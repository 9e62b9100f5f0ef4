/** The job queue several nodes share, on PostgreSQL: private to this bundle, which only registers a service. */
@NullMarked
package dev.hearth.jobs.postgres.internal;

import org.jspecify.annotations.NullMarked;

/** The shared instance registry on PostgreSQL: private to this bundle, which only registers a service. */
@NullMarked
package dev.hearth.instances.postgres.internal;

import org.jspecify.annotations.NullMarked;

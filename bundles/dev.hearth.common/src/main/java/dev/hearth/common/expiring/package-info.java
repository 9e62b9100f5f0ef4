/**
 * Short-lived values several nodes share: one-use secrets and counters with an expiry. The owning
 * bundles keep their rules and use this store for state only; in memory unless a shared store
 * (Redis) is registered.
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.expiring;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

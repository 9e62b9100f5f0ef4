/** A RESP2 client for Redis, one connection per user, shared by the bundles that talk to Redis. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.redis;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

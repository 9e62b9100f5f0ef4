/** Short-lived values in Redis: private to this bundle, which only registers a service. */
@NullMarked
package dev.hearth.redis.internal;

import org.jspecify.annotations.NullMarked;

/** The Redis relay of realtime events: private to this bundle, which only registers a service. */
@NullMarked
package dev.hearth.realtime.redis.internal;

import org.jspecify.annotations.NullMarked;

package dev.hearth.web;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where instances that moved to another server went, for the answer their old clients get (410
 * with the new address as {@code links.related}). Served by the bundle that moves instances; the
 * web bundle asks it only for instances blocked as {@value #MOVED}.
 */
@ConsumerType
public interface MovedInstances {
    /** The blocking reason of an instance that moved away. */
    String MOVED = "MOVED";

    /** The address the instance moved to, or null when it is not known. */
    @Nullable
    String movedTo(String domain);
}

/**
 * Konnectors and app services: the {@code konnector} and {@code service} workers that run them in
 * the JavaScript sandbox under cozy-stack's execution contract ({@code cozy-api.md} 2.7), the
 * accounts they import from, and the triggers of app services.
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.konnectors;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

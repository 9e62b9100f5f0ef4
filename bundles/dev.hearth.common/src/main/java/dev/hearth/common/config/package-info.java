/** Checks of OSGi configuration values, so that a bad value costs a default, not the server. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.config;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** The health-check service contract behind {@code GET /status}. */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.common.health;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

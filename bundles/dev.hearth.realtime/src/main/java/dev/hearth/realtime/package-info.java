/** The realtime event hub. */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.realtime;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** The instance registry: instances, their secrets, and host resolution. */
@Export
@Version("2.1.0")
@NullMarked
package dev.hearth.instances;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Where the instance registry keeps its records, secrets and private files: the SPI a shared
 * registry implements so that several nodes serve the same instances.
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.instances.registry;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

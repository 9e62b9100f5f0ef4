/** The virtual file system of an instance: directories and files, and the blob store SPI. */
@Export
@Version("2.0.0")
@NullMarked
package dev.hearth.files;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

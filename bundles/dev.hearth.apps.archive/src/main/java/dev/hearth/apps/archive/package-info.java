/**
 * Turns an untrusted Cozy app archive ({@code .tar.gz}, {@code .tar} or {@code .zip}) into an OSGi
 * app bundle jar that the apps extender installs. The archive is read once, as a stream, within
 * {@link dev.hearth.apps.archive.Limits}; anything unsafe or ambiguous is refused with an {@link
 * dev.hearth.apps.archive.ArchiveException} that names the reason. Plain Java, usable outside
 * OSGi.
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.apps.archive;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

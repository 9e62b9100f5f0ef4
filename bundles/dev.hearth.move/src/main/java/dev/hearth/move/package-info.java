/**
 * Moving an instance: its export to a portable archive and the import of an archive into an
 * empty instance.
 */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.move;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

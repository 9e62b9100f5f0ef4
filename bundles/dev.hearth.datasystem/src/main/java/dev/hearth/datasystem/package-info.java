/** The document databases: CouchDB semantics and wire formats, per doctype and instance. */
@Export
@Version("1.7.0")
@NullMarked
package dev.hearth.datasystem;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Doctype names and the reserved doctypes. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.doctype;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

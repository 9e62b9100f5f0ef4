/** The errors Hearth reports to clients; the web layer maps them to HTTP in one place. */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.common.error;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

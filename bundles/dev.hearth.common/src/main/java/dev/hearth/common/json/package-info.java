/** Hearth's shared JSON configuration. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.json;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

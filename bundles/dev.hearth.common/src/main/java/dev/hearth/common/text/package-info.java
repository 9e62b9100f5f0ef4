/** Small text utilities shared by the bundles that render text. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.text;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Network rules shared by the bundles that connect to addresses their users give. */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.common.net;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

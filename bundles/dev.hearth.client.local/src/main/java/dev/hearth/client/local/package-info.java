/** {@link dev.hearth.client.local.LocalLink}: the client's link inside Hearth, without HTTP. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.client.local;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

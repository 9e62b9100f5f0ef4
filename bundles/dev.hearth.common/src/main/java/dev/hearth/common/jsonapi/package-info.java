/** The JSON:API document model used by Hearth's JSON:API routes. */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.common.jsonapi;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

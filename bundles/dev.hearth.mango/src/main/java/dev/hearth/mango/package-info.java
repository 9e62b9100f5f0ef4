/**
 * Mango selectors (CouchDB {@code _find}): parsing with CouchDB-style errors, matching, sort and
 * field projection, plus CouchDB's JSON collation and byte-comparable index keys. Plain Java over
 * Jackson {@code JsonNode} trees, usable outside OSGi.
 */
@Export
@Version("1.2.0")
@NullMarked
package dev.hearth.mango;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The storage engines of documents: the service through which a bundle stores the instances'
 * databases (the embedded store by default, PostgreSQL in a cluster), and the CouchDB semantics
 * all engines share.
 */
@Export
@Version("1.2.0")
@NullMarked
package dev.hearth.datasystem.engine;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

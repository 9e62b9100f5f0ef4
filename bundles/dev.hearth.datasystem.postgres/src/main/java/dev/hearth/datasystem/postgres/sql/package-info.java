/**
 * Plain JDBC work on a PostgreSQL server ({@link dev.hearth.datasystem.postgres.sql.Jdbc}): a
 * connection or a transaction taken from a pool and given back, statements bound in order; and the
 * notices of a LISTEN/NOTIFY channel ({@link dev.hearth.datasystem.postgres.sql.Notices}). The
 * bundles that keep their own tables on the placement server use it; each turns an {@link
 * java.sql.SQLException} into its own error.
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.datasystem.postgres.sql;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

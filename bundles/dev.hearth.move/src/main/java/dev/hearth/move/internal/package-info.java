/** The archive format, the exporter, the importer and the export worker. */
@NullMarked
package dev.hearth.move.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Hearth's HTTP toolkit for bundles that serve HTTP areas: route tables, request context, error
 * mapping, and the whiteboard names of the two endpoints.
 */
@Export
@Version("1.2.0")
@NullMarked
package dev.hearth.web;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

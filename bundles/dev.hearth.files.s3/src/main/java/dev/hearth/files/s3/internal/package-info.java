/** The S3 blob store: private to this bundle, which only registers a service. */
@NullMarked
package dev.hearth.files.s3.internal;

import org.jspecify.annotations.NullMarked;

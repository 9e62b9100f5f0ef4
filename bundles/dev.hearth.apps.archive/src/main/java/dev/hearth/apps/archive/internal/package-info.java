/** Implementation of the app archive conversion; not exported. */
@NullMarked
package dev.hearth.apps.archive.internal;

import org.jspecify.annotations.NullMarked;

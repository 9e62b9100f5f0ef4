/** Implementation of the Mango module; not exported. */
@NullMarked
package dev.hearth.mango.internal;

import org.jspecify.annotations.NullMarked;

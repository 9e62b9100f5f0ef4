/** Implementation of the client; not exported. */
@NullMarked
package dev.hearth.client.internal;

import org.jspecify.annotations.NullMarked;

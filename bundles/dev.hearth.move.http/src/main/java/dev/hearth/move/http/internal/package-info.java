/** The move areas: {@code /move/exports} on instance hosts, export and import on the admin endpoint. */
@NullMarked
package dev.hearth.move.http.internal;

import org.jspecify.annotations.NullMarked;

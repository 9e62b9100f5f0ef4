/** The files' housekeeping workers, over the jobs' {@code Worker} whiteboard. */
@NullMarked
package dev.hearth.jobs.files.internal;

import org.jspecify.annotations.NullMarked;

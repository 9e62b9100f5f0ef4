/**
 * Runs untrusted JavaScript: {@link dev.hearth.js.JsSandbox} takes a {@link dev.hearth.js.RunSpec}
 * (modules, environment, {@link dev.hearth.js.Budgets}, egress allow-list, a {@link
 * dev.hearth.js.RunHost} for output and host calls) and returns a {@link dev.hearth.js.RunResult}
 * that says how the run ended, which {@link dev.hearth.js.Budget} ran out, and the {@link
 * dev.hearth.js.Usage} figures.
 */
@Export
@Version("1.1.0")
@NullMarked
package dev.hearth.js;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

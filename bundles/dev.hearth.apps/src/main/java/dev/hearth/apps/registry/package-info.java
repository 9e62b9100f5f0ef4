/**
 * App registries: where instances find apps to install ({@link dev.hearth.apps.registry.Registries},
 * the registries of each context, read as cozy-stack proxies them) and the registry Hearth keeps
 * itself, to which app authors publish ({@link dev.hearth.apps.registry.RegistryPublishing}).
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.hearth.apps.registry;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Apps as bundles: the format of an app bundle ({@link dev.hearth.apps.AppHeaders}), the parsed
 * Cozy manifest ({@link dev.hearth.apps.AppManifest}), the service the extender registers for each
 * deployed app ({@link dev.hearth.apps.DeployedApp}), the runtime view of deployed and failed apps
 * ({@link dev.hearth.apps.AppRuntime}), the doctypes the apps declare ({@link
 * dev.hearth.apps.DoctypeRegistry}), each instance's installations ({@link
 * dev.hearth.apps.AppInstallations}), the listeners told of their changes ({@link
 * dev.hearth.apps.InstallationListener}) and the intents between its apps ({@link
 * dev.hearth.apps.Intents}).
 */
@Export
@Version("1.2.0")
@NullMarked
package dev.hearth.apps;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

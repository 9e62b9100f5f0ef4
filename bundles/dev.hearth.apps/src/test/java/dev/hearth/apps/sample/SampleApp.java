package dev.hearth.apps.sample;

import dev.hearth.apps.RequireAppsExtender;

/** The class of an app bundle that carries Java code, as the bnd recipe of apps/README.md has it. */
@RequireAppsExtender
public final class SampleApp {}

package dev.hearth.apps;

import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import java.util.Set;
import java.util.TreeSet;

/**
 * The doctypes one app declares, through the permissions of its manifest. The extender registers
 * one such service per deployed app, with the app bundle's context and the properties {@value
 * AppHeaders#SLUG}, {@value AppHeaders#TYPE} and {@value AppHeaders#VERSION}; the {@link
 * DoctypeRegistry} gathers them (a whiteboard), so they go with the app.
 *
 * @param slug the app's slug
 * @param type webapp or konnector
 * @param permissions the permissions of its manifest, one rule per declaration
 */
public record DoctypeContribution(String slug, AppType type, PermissionSet permissions) {

    /** The doctypes (or wildcards such as {@code io.cozy.bank.*}) its rules name, sorted. */
    public Set<String> doctypes() {
        Set<String> names = new TreeSet<>();
        for (Rule rule : permissions.rules()) {
            names.add(rule.type());
        }
        return names;
    }
}

package dev.hearth.instances;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code Host} header designates: an instance's API, or one of its apps.
 *
 * @param appSlug the app slug when the host is an app subdomain, else null
 */
public record HostMatch(Instance instance, @Nullable String appSlug) {

    public boolean isApp() {
        return appSlug != null;
    }
}

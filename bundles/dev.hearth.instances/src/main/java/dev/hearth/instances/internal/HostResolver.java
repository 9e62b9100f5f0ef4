package dev.hearth.instances.internal;

import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.SubdomainMode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a {@code Host} header as Cozy does: first as an app host (nested {@code
 * slug.<instance>} or flat {@code <first-label>-slug.<rest>}), then as an instance domain.
 */
final class HostResolver {
    private final SubdomainMode mode;
    private final Function<String, Instance> instances;

    HostResolver(SubdomainMode mode, Function<String, Instance> instances) {
        this.mode = mode;
        this.instances = instances;
    }

    SubdomainMode mode() {
        return mode;
    }

    Optional<HostMatch> resolve(String rawHost) {
        if (rawHost == null || rawHost.isEmpty()) {
            return Optional.empty();
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        HostMatch app = asAppHost(host);
        if (app != null) {
            return Optional.of(app);
        }
        Instance instance = instances.apply(host);
        return instance == null ? Optional.empty() : Optional.of(new HostMatch(instance, null));
    }

    private HostMatch asAppHost(String host) {
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String parent;
        String slug;
        if (mode == SubdomainMode.NESTED) {
            slug = host.substring(0, dot);
            parent = host.substring(dot + 1);
        } else {
            String first = host.substring(0, dot);
            int dash = first.indexOf('-');
            if (dash <= 0 || dash == first.length() - 1) {
                return null;
            }
            slug = first.substring(dash + 1);
            parent = first.substring(0, dash) + host.substring(dot);
        }
        Instance instance = instances.apply(parent);
        return instance == null ? null : new HostMatch(instance, slug);
    }
}

package dev.hearth.apps.registry;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registries of each context, in their configured order, read as cozy-stack proxies its
 * registries ({@code cozy-api.md} 2.6, {@code registry-apps.md} 1.1 to 1.3): a request goes to
 * the first registry, and to the next one only while they answer 404; the list of apps merges
 * them all, the first registry winning for a slug several have.
 */
@ProviderType
public interface Registries {

    /**
     * {@code GET /registry/<path>} on the registries of the context, except the list.
     *
     * @param path the segments after {@code /registry}, decoded, at least one
     * @param query the query parameters, one value each
     */
    RegistryAnswer get(String context, List<String> path, Map<String, String> query);

    /**
     * {@code GET /registry}: the apps of every registry of the context, with a cursor of one
     * position per registry ({@code "c1|c2"}, {@code -1} for a registry that has no more).
     */
    RegistryAnswer list(String context, Map<String, String> query);
}

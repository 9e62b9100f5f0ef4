package dev.hearth.console.internal;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.HearthException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What the Apps page shows, read once per view: the deployed app bundles with the instances that
 * installed each, the bundles the extender refused, and installations whose app has no bundle
 * (its archive was removed from {@code load/}, say). Reading an instance's installations opens its
 * store, so at most {@link #MAX_INSTANCES} instances are read, in domain order.
 *
 * @param instancesRead how many instances' installations were read
 * @param instancesTotal how many instances there are
 */
record AppsOverview(
        List<Row> bundles, List<FailedAppDTO> refused, List<Use> orphans, int instancesRead, int instancesTotal) {
    static final int MAX_INSTANCES = 1_000;

    /**
     * A deployed app bundle.
     *
     * @param bundle its bundle's version and state, as the framework gives them
     * @param uses the installations of its slug and type, by instance
     */
    record Row(AppDTO app, BundleFacts bundle, List<Use> uses) {}

    /** What the framework says of a bundle: its {@code Bundle-Version} and state. */
    record BundleFacts(String version, String state) {}

    /** One instance's installation of an app. */
    record Use(String domain, AppType type, String slug, String version, String state) {}

    /**
     * Reads the runtime and the installations of the first {@link #MAX_INSTANCES} instances.
     *
     * @param bundles the version and state of a bundle, by id
     */
    static AppsOverview read(
            AppRuntime runtime,
            AppInstallations installations,
            InstanceService instances,
            LongFunction<BundleFacts> bundles) {
        List<Instance> all = instances.list().stream()
                .sorted(Comparator.comparing(Instance::domain))
                .toList();
        List<Instance> read = all.subList(0, Math.min(all.size(), MAX_INSTANCES));
        Map<String, List<Use>> uses = new LinkedHashMap<>();
        for (Instance instance : read) {
            for (Use use : uses(installations, instance.domain())) {
                uses.computeIfAbsent(key(use.type().value(), use.slug()), k -> new ArrayList<>())
                        .add(use);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (AppDTO app : runtime.deployedApps()) {
            List<Use> using = uses.remove(key(app.type, app.slug));
            rows.add(new Row(app, bundles.apply(app.bundleId), using == null ? List.of() : using));
        }
        List<Use> orphans = uses.values().stream().flatMap(List::stream).toList();
        return new AppsOverview(rows, runtime.failedApps(), orphans, read.size(), all.size());
    }

    /** The apps and konnectors of one instance; none when its store cannot be read. */
    private static List<Use> uses(AppInstallations installations, String domain) {
        List<Use> uses = new ArrayList<>();
        try {
            for (AppType type : AppType.values()) {
                for (Installation i : installations.list(domain, type)) {
                    uses.add(new Use(
                            domain, type, i.slug(), i.version(), i.state().value()));
                }
            }
        } catch (HearthException e) {
            return List.of();
        }
        return uses;
    }

    private static String key(String type, String slug) {
        return type + "/" + slug;
    }
}

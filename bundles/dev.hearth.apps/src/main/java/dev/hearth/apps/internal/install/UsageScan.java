package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which instances use which app bundle jar by reading every instance's installation
 * documents: the slow way, only taken when the {@link UsageIndex} file is missing (the first start
 * with it, or after it was deleted).
 *
 * @param domainsByJar the instances that use each jar
 * @param complete whether every instance could be read: when one could not, its jars are unknown,
 *     and nothing may be collected on the strength of this scan
 */
record UsageScan(Map<String, Set<String>> domainsByJar, boolean complete) {
    private static final Logger LOG = LoggerFactory.getLogger(UsageScan.class);

    static UsageScan of(InstanceService instances, DataService data) {
        Map<String, Set<String>> domainsByJar = new HashMap<>();
        boolean complete = true;
        for (Instance instance : instances.list()) {
            for (AppType type : AppType.values()) {
                try {
                    InstallationDocs.all(InstallationDocs.database(data, instance.domain(), type), type)
                            .forEach(installed -> jarOf(installed)
                                    .ifPresent(jar -> domainsByJar
                                            .computeIfAbsent(jar, j -> new TreeSet<>())
                                            .add(instance.domain())));
                } catch (RuntimeException e) {
                    LOG.warn("Cannot read the {}s of instance '{}': {}", type.value(), instance.domain(), e.toString());
                    complete = false;
                }
            }
        }
        LOG.info("Found the app versions of {} instances in their documents", instances.count());
        return new UsageScan(domainsByJar, complete);
    }

    /** The jar an installation uses; nothing for a document whose id is not a valid slug's. */
    private static Optional<String> jarOf(Installation installed) {
        return InstallationDocs.slugOf(installed.type(), installed.id())
                .filter(AppRepository::isValidSlug)
                .map(slug -> AppRepository.jarName(installed.type(), slug, installed.version()));
    }
}

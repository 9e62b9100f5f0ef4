package dev.hearth.datasystem.internal;

import dev.hearth.common.config.ConfigCheck;
import dev.hearth.datasystem.internal.store.InstanceStore;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The {@link DataSystemConfig} as the data service uses it: every value checked at activation,
 * an out-of-range one replaced by its default with a warning, so that a typo in a {@code .cfg}
 * file cannot keep the data service, and the whole server with it, from starting.
 */
record CheckedConfig(
        boolean fsync,
        int revsLimit,
        int maxDocumentBytes,
        int idleCloseSeconds,
        int cacheMegabytes,
        int cacheMaxMegabytes,
        int compactionSeconds,
        int purgeDeletedAfterDays) {

    static CheckedConfig of(DataSystemConfig config, Logger log) {
        ConfigCheck check = new ConfigCheck(DataSystemConfig.PID, DataSystemConfig.class, log);
        return new CheckedConfig(
                "fsync".equals(check.oneOf("durability", config.durability(), Set.of("commit", "fsync"))),
                check.atLeast("revsLimit", config.revsLimit(), 1),
                check.atLeast("maxDocumentBytes", config.maxDocumentBytes(), 1),
                check.atLeast("idleCloseSeconds", config.idleCloseSeconds(), 1),
                check.atLeast("cacheMegabytes", config.cacheMegabytes(), 1),
                check.atLeast("cacheMaxMegabytes", config.cacheMaxMegabytes(), 1),
                check.atLeast("compactionSeconds", config.compactionSeconds(), 1),
                check.atLeast("purgeDeletedAfterDays", config.purgeDeletedAfterDays(), 0));
    }

    InstanceStore.Settings storeSettings() {
        return new InstanceStore.Settings(
                fsync, cacheMegabytes, Math.max(cacheMegabytes, cacheMaxMegabytes), revsLimit);
    }
}

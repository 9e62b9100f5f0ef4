package dev.hearth.datasystem.internal;

import dev.hearth.common.config.ConfigCheck;
import dev.hearth.datasystem.internal.store.InstanceStore;
import dev.hearth.datasystem.internal.store.PageCaches;
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
        int cacheBudgetMegabytes,
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
                check.atLeast("cacheBudgetMegabytes", config.cacheBudgetMegabytes(), 0),
                check.atLeast("compactionSeconds", config.compactionSeconds(), 1),
                check.atLeast("purgeDeletedAfterDays", config.purgeDeletedAfterDays(), 0));
    }

    /**
     * The settings of the stores, with the page caches they share: the budget of the grown caches
     * is at most a quarter of the largest heap, so that a budget set for a larger server cannot
     * run a smaller one out of memory.
     */
    InstanceStore.Settings storeSettings() {
        int quarterOfHeap =
                (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() >> 22);
        return new InstanceStore.Settings(
                fsync,
                new PageCaches(cacheMegabytes, cacheMaxMegabytes, Math.min(cacheBudgetMegabytes, quarterOfHeap)),
                revsLimit);
    }
}

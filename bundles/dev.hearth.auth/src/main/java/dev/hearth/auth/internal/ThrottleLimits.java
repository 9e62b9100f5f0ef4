package dev.hearth.auth.internal;

import dev.hearth.common.config.ConfigCheck;
import org.slf4j.Logger;

/**
 * The limits of {@link LoginThrottleImpl}, checked at activation. A zero window or wait would
 * quietly turn throttling off, and a negative count would make every failure wait; such a value
 * is replaced by its default, with a warning naming it.
 */
record ThrottleLimits(int freeFailures, int maxWaitSeconds, int instanceBudget, int windowSeconds) {

    static ThrottleLimits of(LoginThrottleImpl.Config config, Logger log) {
        ConfigCheck check = new ConfigCheck(LoginThrottleImpl.PID, LoginThrottleImpl.Config.class, log);
        return new ThrottleLimits(
                check.atLeast("freeFailures", config.freeFailures(), 0),
                check.atLeast("maxWaitSeconds", config.maxWaitSeconds(), 1),
                check.atLeast("instanceBudget", config.instanceBudget(), 1),
                check.atLeast("windowSeconds", config.windowSeconds(), 1));
    }
}

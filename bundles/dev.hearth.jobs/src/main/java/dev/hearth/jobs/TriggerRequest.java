package dev.hearth.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A trigger to create.
 *
 * @param type {@code @at}, {@code @in}, {@code @every}, {@code @cron}, {@code @hourly}, {@code
 *     @daily}, {@code @weekly}, {@code @monthly}, {@code @event}, {@code @webhook} or {@code @client}
 * @param arguments the type's arguments (see {@code cozy-api.md} 2.5)
 * @param worker the worker type of the jobs it creates
 * @param message the arguments of the jobs it creates
 * @param debounce a duration ({@code 1m}) that coalesces bursts of events into one job, or null
 * @param options job options ({@code timeout}, {@code max_exec_count}) copied to its jobs, or null
 */
public record TriggerRequest(
        String type,
        String arguments,
        String worker,
        ObjectNode message,
        @Nullable String debounce,
        @Nullable ObjectNode options) {}

package dev.hearth.konnectors;

import dev.hearth.apps.AppType;
import dev.hearth.jobs.Trigger;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the konnector routes need: the trigger of a konnector, and the logs that konnectors and
 * apps send. Errors are {@link dev.hearth.common.error.ApiException}s: 404 when the konnector or
 * app is not installed on the instance, 422 for a bad log level.
 */
@ProviderType
public interface Konnectors {

    /** The worker type of konnector jobs. */
    String KONNECTOR_WORKER = "konnector";

    /** The worker type of app service jobs. */
    String SERVICE_WORKER = "service";

    /**
     * Creates the {@code @cron} trigger of a konnector, as the Cozy stack builds it: a weekly run
     * (or the manifest's {@code frequency}) at a time drawn in the manifest's {@code
     * time_interval} (0 to 5 h by default), with the message {@code {account, konnector}} and
     * {@code folder_to_save: "yes"} when the konnector asks for a folder.
     *
     * @param accountId the account the runs use, or null
     * @param createdByApp the slug of the app that asks, kept in the trigger's metadata, or null
     * @param execNow also queue a manual run now
     */
    Trigger createTrigger(
            String domain, String slug, @Nullable String accountId, @Nullable String createdByApp, boolean execNow);

    /**
     * Writes log lines that a konnector or app sends to the server's log, tagged with the
     * instance, slug, job and version.
     */
    void log(
            String domain,
            AppType type,
            String slug,
            @Nullable String jobId,
            @Nullable String version,
            List<LogLine> lines);

    /**
     * One log line sent by a konnector or app.
     *
     * @param timestamp when it was written, as sent, or the empty string
     * @param level {@code debug}, {@code info}, {@code warn}/{@code warning}, {@code error},
     *     {@code critical} (also {@code trace}, {@code fatal}, {@code panic})
     * @param message the text
     */
    record LogLine(String timestamp, String level, String message) {}
}

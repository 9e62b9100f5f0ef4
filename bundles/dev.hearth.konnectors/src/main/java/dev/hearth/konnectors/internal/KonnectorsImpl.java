package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.konnectors.Konnectors;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The {@link Konnectors} service: konnector triggers and the logs of konnectors and apps. */
@Component
public final class KonnectorsImpl implements Konnectors {
    private static final Logger LOG = LoggerFactory.getLogger("dev.hearth.konnectors.logs");
    static final String NOT_INSTALLED = "Application is not installed";

    private final JobsService jobs;
    private final AppInstallations installations;

    @Activate
    public KonnectorsImpl(@Reference JobsService jobs, @Reference AppInstallations installations) {
        this.jobs = jobs;
        this.installations = installations;
    }

    @Override
    public Trigger createTrigger(
            String domain, String slug, @Nullable String accountId, @Nullable String createdByApp, boolean execNow) {
        Installation konnector = installed(domain, AppType.KONNECTOR, slug);
        ObjectNode manifest = konnector.document();
        ObjectNode message = Json.mapper()
                .createObjectNode()
                .put("account", accountId == null ? "" : accountId)
                .put("konnector", slug);
        if (manifest.path("folders").isArray()
                || !manifest.path("fields")
                        .path("advanced_fields")
                        .path("folderPath")
                        .isMissingNode()) {
            message.put(FolderToSave.FIELD, "yes"); // the first run puts the folder's id in its place
        }
        Trigger trigger = jobs.createTrigger(
                domain, new TriggerRequest("@cron", crontab(manifest), KONNECTOR_WORKER, message, null, null));
        if (execNow) {
            jobs.launch(domain, trigger.id());
        }
        return trigger;
    }

    /**
     * A schedule at a time drawn once, as cozy-stack does: weekly on a random day unless the
     * manifest's {@code frequency} says {@code hourly}, {@code daily} or {@code monthly}, at an
     * hour of the manifest's {@code time_interval} ({@code [0, 5]} by default).
     */
    static String crontab(ObjectNode manifest) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = 0;
        int to = 5;
        JsonNode interval = manifest.path("time_interval");
        if (interval.isArray()
                && interval.size() == 2
                && interval.get(0).isInt()
                && interval.get(1).isInt()) {
            from = Math.clamp(interval.get(0).asInt(), 0, 23);
            to = interval.get(1).asInt() > from ? Math.min(interval.get(1).asInt(), 24) : from + 1;
        }
        int minute = random.nextInt(60);
        int hour = from + random.nextInt(to - from);
        return switch (manifest.path("frequency").asText("").toLowerCase(Locale.ROOT)) {
            case "hourly" -> "0 " + minute + " * * * *";
            case "daily" -> "0 " + minute + " " + hour + " * * *";
            case "monthly" -> "0 " + minute + " " + hour + " " + (1 + random.nextInt(28)) + " * *";
            default -> "0 " + minute + " " + hour + " * * " + random.nextInt(7);
        };
    }

    @Override
    public void log(
            String domain,
            AppType type,
            String slug,
            @Nullable String jobId,
            @Nullable String version,
            List<LogLine> lines) {
        installed(domain, type, slug);
        for (LogLine line : lines) {
            level(line.level()); // all checked before any is written
        }
        for (LogLine line : lines) {
            LOG.atLevel(level(line.level()))
                    .log(
                            "{} {} of '{}' (job {}, version {}) at {}: {}",
                            type.value(),
                            slug,
                            domain,
                            jobId == null ? "" : jobId,
                            version == null ? "" : version,
                            line.timestamp(),
                            line.message());
        }
    }

    private Installation installed(String domain, AppType type, String slug) {
        return installations.find(domain, type, slug).orElseThrow(() -> ApiException.notFound(NOT_INSTALLED));
    }

    /** The log level of a Cozy level name ({@code logrus}'s names, and {@code critical}). */
    static Level level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "error", "critical", "fatal", "panic" -> Level.ERROR;
            default -> throw ApiException.invalidAttribute("level", "not a valid level: \"" + name + "\"");
        };
    }
}

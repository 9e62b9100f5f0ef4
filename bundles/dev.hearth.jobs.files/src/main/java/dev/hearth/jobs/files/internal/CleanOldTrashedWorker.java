package dev.hearth.jobs.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Children;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code clean-old-trashed} worker: destroys the entries that have been in the trash longer
 * than an age: the message's {@code older_than} ({@code 720h}, {@code 30d}), else the configured
 * {@link HousekeepingConfig#autoCleanTrashedAfter()}; with neither it does nothing. An entry's time
 * in the trash counts from its {@code cozyMetadata.trashedAt} (its {@code updated_at} when that is
 * missing).
 */
@Component(
        configurationPid = HousekeepingConfig.PID,
        property = {
            Worker.TYPE + "=clean-old-trashed",
            Worker.CONCURRENCY + ":Integer=2",
            Worker.TIMEOUT + ":Integer=7200",
            Worker.MAX_EXEC_COUNT + ":Integer=2"
        })
@Designate(ocd = HousekeepingConfig.class)
public final class CleanOldTrashedWorker implements Worker {
    private static final int PAGE = 500;

    private final FileService files;
    private final @Nullable Duration configured;
    private final Clock clock;

    @Activate
    public CleanOldTrashedWorker(@Reference FileService files, HousekeepingConfig config) {
        this(files, Ages.parseOrNull(config.autoCleanTrashedAfter()), Clock.systemUTC());
    }

    CleanOldTrashedWorker(FileService files, @Nullable Duration configured, Clock clock) {
        this.files = files;
        this.configured = configured;
        this.clock = clock;
    }

    @Override
    public JsonNode run(JobContext job) throws JobFailure {
        Duration age = age(job.message());
        ObjectNode result = Json.mapper().createObjectNode();
        if (age == null) {
            return result.put("destroyed", 0).put("reason", "no age configured");
        }
        Instant before = clock.instant().minus(age);
        int destroyed = 0;
        for (String id : oldEntries(job.domain(), before)) {
            if (job.cancelled()) {
                throw new JobFailure("cancelled after " + destroyed + " entries", true);
            }
            try {
                files.destroy(job.domain(), id);
                destroyed++;
            } catch (ApiException e) {
                // restored or destroyed meanwhile: not old trash any more
            }
        }
        return result.put("destroyed", destroyed);
    }

    private @Nullable Duration age(ObjectNode message) throws JobFailure {
        JsonNode text = message.path("older_than");
        if (text.isMissingNode() || text.isNull()) {
            return configured;
        }
        try {
            return Ages.parse(text.asText());
        } catch (IllegalArgumentException e) {
            throw JobFailure.permanent("older_than: " + e.getMessage());
        }
    }

    /** The ids of the trash's direct children trashed before {@code before}. */
    private List<String> oldEntries(String domain, Instant before) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            Children page = files.children(domain, Files.TRASH_ID, cursor, 0, PAGE);
            for (ObjectNode doc : page.docs()) {
                Instant trashed = trashedAt(doc);
                if (trashed != null && trashed.isBefore(before)) {
                    out.add(doc.path("_id").asText());
                }
            }
            cursor = page.docs().isEmpty() ? null : page.cursor();
        } while (cursor != null);
        return out;
    }

    private static @Nullable Instant trashedAt(ObjectNode doc) {
        String text = doc.path("cozyMetadata")
                .path("trashedAt")
                .asText(doc.path("updated_at").asText(""));
        try {
            return text.isEmpty() ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

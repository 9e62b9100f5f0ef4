package dev.hearth.jobs.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.FileService;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Worker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code trash-files} worker: destroys entries of the trash, with their contents, in the
 * background. Its message names them ({@code {"ids": [...]}}); without ids it empties the whole
 * trash. An id that is already gone counts as done; one that is not in the trash fails the job
 * without a retry, the other ids being destroyed all the same.
 */
@Component(
        property = {
            Worker.TYPE + "=trash-files",
            Worker.CONCURRENCY + ":Integer=2",
            Worker.TIMEOUT + ":Integer=7200",
            Worker.MAX_EXEC_COUNT + ":Integer=2"
        })
public final class TrashFilesWorker implements Worker {
    private final FileService files;

    @Activate
    public TrashFilesWorker(@Reference FileService files) {
        this.files = files;
    }

    @Override
    public JsonNode run(JobContext job) throws JobFailure {
        JsonNode ids = job.message().path("ids");
        if (!ids.isMissingNode() && !ids.isArray()) {
            throw JobFailure.permanent("ids must be an array of file or directory ids");
        }
        if (ids.isMissingNode()) {
            files.emptyTrash(job.domain());
            return Json.mapper().createObjectNode().put("emptied", true);
        }
        int destroyed = 0;
        StringBuilder refused = new StringBuilder();
        for (JsonNode id : ids) {
            if (job.cancelled()) {
                throw new JobFailure("cancelled after " + destroyed + " entries", true);
            }
            try {
                files.destroy(job.domain(), id.asText());
                destroyed++;
            } catch (ApiException e) {
                if (e.status() != 404) {
                    refused.append(refused.isEmpty() ? "" : "; ")
                            .append(id.asText())
                            .append(": ")
                            .append(e.detail());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw JobFailure.permanent(refused.toString());
        }
        return Json.mapper().createObjectNode().put("destroyed", destroyed);
    }
}

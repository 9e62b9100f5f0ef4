package dev.hearth.jobs.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import dev.hearth.files.FileService;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Worker;
import java.io.UncheckedIOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code thumbnail} worker: the thumbnails the files service asks for (an image created or
 * its content replaced; a deleted content takes its thumbnails with it at once) become jobs, one
 * per content ({@link ThumbnailQueue}), listed in {@code /jobs} and retried once when the content could not be read or a
 * thumbnail written. Its message is {@code {"file_id": ..., "content": <internal_vfs_id>}}; the
 * result says whether thumbnails exist ({@code made}: false for an image ImageIO cannot decode or
 * a content already gone, which no retry changes). One at a time, as the files service did on its
 * own thread: decoding large images is heavy.
 */
@Component(
        property = {
            Worker.TYPE + "=" + ThumbnailWorker.TYPE,
            Worker.CONCURRENCY + ":Integer=1",
            Worker.TIMEOUT + ":Integer=120",
            Worker.MAX_EXEC_COUNT + ":Integer=2"
        })
public final class ThumbnailWorker implements Worker {
    static final String TYPE = "thumbnail";

    private final FileService files;

    @Activate
    public ThumbnailWorker(@Reference FileService files) {
        this.files = files;
    }

    @Override
    public JsonNode run(JobContext job) throws JobFailure {
        String content = job.message().path("content").asText("");
        if (content.isEmpty()) {
            throw JobFailure.permanent("content must name the content of an image");
        }
        try {
            boolean made = files.makeThumbnails(job.domain(), content);
            return Json.mapper().createObjectNode().put("made", made);
        } catch (UncheckedIOException e) {
            throw new JobFailure(
                    "The thumbnails could not be made: " + e.getCause().getMessage(), true);
        }
    }
}

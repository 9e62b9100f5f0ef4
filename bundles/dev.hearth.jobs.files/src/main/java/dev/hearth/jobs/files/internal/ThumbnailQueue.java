package dev.hearth.jobs.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.files.ThumbnailRequests;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the files service's requests for thumbnails into jobs of the {@link ThumbnailWorker}.
 * Immediate, since the files service gets it for each request and lets it go after.
 */
@Component(immediate = true)
public final class ThumbnailQueue implements ThumbnailRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailQueue.class);

    private final JobsService jobs;

    @Activate
    public ThumbnailQueue(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @Override
    public void request(String domain, String fileId, String contentKey) {
        ObjectNode message =
                Json.mapper().createObjectNode().put("file_id", fileId).put("content", contentKey);
        try {
            jobs.push(domain, JobRequest.of(ThumbnailWorker.TYPE, message));
        } catch (RuntimeException e) {
            LOG.warn("No thumbnail job for {} of '{}': {}", fileId, domain, e.toString());
        }
    }
}

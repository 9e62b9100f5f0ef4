package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Worker;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.MoveService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code export} worker: writes the export its message names ({@code {"export_id": ...}}),
 * one at a time per server, with no retry (a failed export says why in its state).
 */
@Component(
        property = {
            Worker.TYPE + "=" + MoveService.EXPORT_WORKER,
            Worker.CONCURRENCY + ":Integer=1",
            Worker.TIMEOUT + ":Integer=86400",
            Worker.MAX_EXEC_COUNT + ":Integer=1"
        })
public final class ExportWorker implements Worker {
    private final ExportRunner runner;

    /** Takes the runner, not the move service: that one queues jobs, and the jobs service takes the workers. */
    @Activate
    public ExportWorker(@Reference ExportRunner runner) {
        this.runner = runner;
    }

    @Override
    public JsonNode run(JobContext job) throws JobFailure {
        String id = job.message().path("export_id").asText("");
        if (id.isEmpty()) {
            throw JobFailure.permanent("export_id is missing");
        }
        ExportInfo info = runner.run(job.domain(), id);
        if (!info.state().equals(ExportInfo.DONE)) {
            throw JobFailure.permanent("The export failed: " + info.error());
        }
        return Json.mapper()
                .createObjectNode()
                .put("export_id", id)
                .put("parts", info.parts().size())
                .put("total_size", info.totalSize());
    }
}

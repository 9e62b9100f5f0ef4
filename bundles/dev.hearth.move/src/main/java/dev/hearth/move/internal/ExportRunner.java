package dev.hearth.move.internal;

import dev.hearth.datasystem.DataService;
import dev.hearth.files.BlobStore;
import dev.hearth.files.FileService;
import dev.hearth.instances.InstanceService;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.ExportPart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a recorded export and records how it went. A component of its own, without the jobs
 * service: the export worker needs it, and the jobs service needs the workers.
 */
@Component(service = ExportRunner.class)
public final class ExportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);

    private final DataService data;
    private final FileService files;
    private final BlobStore blobs;
    private final InstanceService instances;
    private final ExportStore store;

    @Activate
    public ExportRunner(
            @Reference DataService data,
            @Reference FileService files,
            @Reference BlobStore blobs,
            @Reference InstanceService instances) {
        this.data = data;
        this.files = files;
        this.blobs = blobs;
        this.instances = instances;
        this.store = new ExportStore(instances);
    }

    /** Writes the export {@code id} on the calling thread, unless it is written already. */
    ExportInfo run(String domain, String id) {
        ExportInfo info = store.load(domain, id);
        if (!info.state().equals(ExportInfo.EXPORTING)) {
            return info;
        }
        Path dir = store.dir(domain, id);
        ExportInfo result;
        try {
            Manifest m = new Exporter(data, files, blobs, instances)
                    .export(
                            info.domain(),
                            dir,
                            info.partsSize(),
                            info.createdAt(),
                            () -> Thread.currentThread().isInterrupted());
            long total = m.parts().stream().mapToLong(ExportPart::size).sum();
            result = new ExportInfo(
                    info.id(),
                    info.domain(),
                    ExportInfo.DONE,
                    info.partsSize(),
                    m.parts(),
                    info.createdAt(),
                    info.expiresAt(),
                    total,
                    m.documents(),
                    m.files(),
                    null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The export {} of '{}' failed", id, domain, e);
            store.deleteParts(domain, id);
            result = new ExportInfo(
                    info.id(),
                    info.domain(),
                    ExportInfo.ERROR,
                    info.partsSize(),
                    List.of(),
                    info.createdAt(),
                    info.expiresAt(),
                    0,
                    0,
                    0,
                    String.valueOf(e.getMessage()));
        }
        store.save(result);
        return result;
    }
}

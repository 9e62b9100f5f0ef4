package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.BlobStore;
import dev.hearth.files.FileService;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.ExportPart;
import dev.hearth.move.ImportResult;
import dev.hearth.move.MoveService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Exports and imports over the datasystem, the blob store, apps, jobs and instances. */
@Component(service = MoveService.class, configurationPid = MoveConfig.PID)
@Designate(ocd = MoveConfig.class)
public final class MoveServiceImpl implements MoveService {
    private final DataService data;
    private final FileService files;
    private final BlobStore blobs;
    private final InstanceService instances;
    private final AppInstallations apps;
    private final JobsService jobs;
    private final ExportRunner runner;

    private final MoveConfig config;
    private final ExportStore store;
    private final DownloadSecrets secrets = new DownloadSecrets();
    private final Set<String> importing = ConcurrentHashMap.newKeySet();

    @Activate
    public MoveServiceImpl(
            @Reference DataService data,
            @Reference FileService files,
            @Reference BlobStore blobs,
            @Reference InstanceService instances,
            @Reference AppInstallations apps,
            @Reference JobsService jobs,
            @Reference ExportRunner runner,
            MoveConfig config) {
        this.data = data;
        this.files = files;
        this.blobs = blobs;
        this.instances = instances;
        this.apps = apps;
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
        this.store = new ExportStore(instances);
    }

    @Override
    public ExportInfo requestExport(String domain, long partsSize) {
        ExportInfo info = record(domain, partsSize);
        ObjectNode message = Json.mapper().createObjectNode().put("export_id", info.id());
        jobs.push(info.domain(), JobRequest.of(EXPORT_WORKER, message));
        return info;
    }

    @Override
    public ExportInfo export(String domain, long partsSize) {
        return runExport(domain, record(domain, partsSize).id());
    }

    private ExportInfo record(String domain, long partsSize) {
        String canonical = instances.get(domain).domain();
        long size = partsSize <= 0 ? config.partsSize() : partsSize;
        if (size < config.minPartsSize()) {
            throw ApiException.invalidAttribute(
                    "parts_size", "It must be at least " + config.minPartsSize() + " bytes");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExportInfo info = new ExportInfo(
                Ids.newId(),
                canonical,
                ExportInfo.EXPORTING,
                size,
                List.of(),
                now.toString(),
                now.plus(Duration.ofHours(config.maxAgeHours())).toString(),
                0,
                0,
                0,
                null);
        store.save(info);
        return info;
    }

    @Override
    public ExportInfo runExport(String domain, String id) {
        return runner.run(domain, id);
    }

    @Override
    public ExportInfo export(String domain, String id) {
        return store.load(domain, id);
    }

    @Override
    public List<ExportInfo> exports(String domain) {
        return store.list(domain);
    }

    private ExportInfo finished(String domain, String id) {
        ExportInfo info = store.load(domain, id);
        if (!info.state().equals(ExportInfo.DONE)) {
            throw new ApiException(409, "Conflict", "The export is " + info.state() + ", not done", null, null);
        }
        return info;
    }

    @Override
    public void writeArchive(String domain, String id, OutputStream out) throws IOException {
        ExportInfo info = finished(domain, id);
        Path dir = store.dir(domain, id);
        long mtime = Instant.parse(info.createdAt()).getEpochSecond();
        byte[] manifest = Files.readAllBytes(dir.resolve(Manifest.NAME));
        Tar.header(out, Manifest.NAME, manifest.length, mtime);
        out.write(manifest);
        Tar.pad(out, manifest.length);
        for (ExportPart p : info.parts()) {
            Tar.header(out, p.name(), p.size(), mtime);
            Files.copy(dir.resolve(p.name()), out);
            Tar.pad(out, p.size());
        }
        Tar.end(out);
        out.flush();
    }

    @Override
    public Path part(String domain, String id, int index) {
        ExportInfo info = finished(domain, id);
        if (index < 0 || index >= info.parts().size()) {
            throw ApiException.notFound("No such part");
        }
        return store.dir(domain, id).resolve(info.parts().get(index).name());
    }

    @Override
    public String downloadSecret(String domain, String id) {
        ExportInfo info = finished(domain, id);
        return secrets.issue(info.domain(), info.id());
    }

    @Override
    public ExportInfo redeem(String domain, String secret, int index) {
        String canonical = instances.get(domain).domain();
        return finished(canonical, secrets.redeem(canonical, secret, index));
    }

    @Override
    public void deleteExport(String domain, String id) {
        store.load(domain, id);
        store.delete(domain, id);
    }

    @Override
    public ImportResult importArchive(String domain, Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return importArchive(domain, in);
        }
    }

    @Override
    public ImportResult importArchive(String domain, InputStream archive) throws IOException {
        String canonical = instances.get(domain).domain();
        if (!importing.add(canonical)) {
            throw new ApiException(409, "Conflict", "An import into this instance is running", null, null);
        }
        Path work = instances.directory(canonical).resolve("imports").resolve(Ids.newId());
        try {
            Emptiness.check(data, canonical);
            Files.createDirectories(work);
            Unpacked unpacked = Unpacked.of(archive, work);
            Emptiness.check(data, canonical);
            return new ImportRun(data, files, blobs, apps, instances, jobs, canonical).run(unpacked);
        } finally {
            ExportStore.deleteTree(work);
            importing.remove(canonical);
        }
    }
}

package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.common.error.ApiException;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.BlobStore;
import dev.hearth.files.FileService;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobsService;
import dev.hearth.move.ImportResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import of a checked archive: the documents and contents, then the apps, the documents the
 * instance had, the settings; the file system and the triggers read again at the end. When a step
 * fails, every step taken is undone before the error goes up.
 */
final class ImportRun {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);

    private final DataService data;
    private final FileService files;
    private final BlobStore blobs;
    private final InstanceService instances;
    private final @Nullable JobsService jobs;
    private final Restore restore;
    private final String domain;

    ImportRun(
            DataService data,
            FileService files,
            BlobStore blobs,
            AppInstallations apps,
            InstanceService instances,
            @Nullable JobsService jobs,
            String domain) {
        this.data = data;
        this.files = files;
        this.blobs = blobs;
        this.instances = instances;
        this.jobs = jobs;
        this.restore = new Restore(data, apps, instances);
        this.domain = domain;
    }

    ImportResult run(Unpacked unpacked) throws IOException {
        Journal journal = Journal.begin(data, domain);
        Restore.Collected collected = new Restore.Collected();
        Importer importer = new Importer(data, blobs, domain, journal, collected);
        List<String> installed = new ArrayList<>();
        ObjectNode previousSettings = null;
        try {
            advanceSequences(unpacked);
            for (Path part : unpacked.parts()) {
                importer.importPart(part);
            }
            importer.flush();
            restore.reinstall(domain, collected.apps, installed);
            long merged = restore.merge(domain, collected.merges);
            previousSettings = restore.settings(domain, collected.settings);
            reload();
            LOG.info(
                    "Imported {} documents and {} files into '{}'",
                    importer.documents + merged,
                    importer.contents,
                    domain);
            return new ImportResult(
                    importer.documents + merged,
                    importer.contents,
                    importer.bytes,
                    List.copyOf(installed),
                    List.copyOf(collected.skipped));
        } catch (IOException | RuntimeException e) {
            undo(journal, installed, previousSettings);
            throw failure(e);
        }
    }

    /**
     * Puts each database past the sequence its source had, before any document is written: the
     * imported documents and every later change then come after any checkpoint a replica of the
     * source holds, so a replica reads the imported changes again (ids and revisions only: it has
     * them all) and misses nothing written after the move.
     */
    private void advanceSequences(Unpacked unpacked) {
        if (unpacked.manifest() == null) {
            return;
        }
        unpacked.manifest().sequences().forEach((doctype, seq) -> {
            if (!Layout.EXCLUDED.contains(doctype)) {
                data.database(domain, doctype).advanceSequence(seq);
            }
        });
    }

    private void undo(Journal journal, List<String> installed, @Nullable ObjectNode previousSettings) {
        LOG.warn("The import into '{}' failed; undoing it", domain);
        restore.uninstall(domain, installed);
        journal.undo(data, blobs);
        try {
            restore.resetSettings(domain, previousSettings);
        } catch (RuntimeException e) {
            LOG.warn("Cannot put the settings of '{}' back: {}", domain, e.toString());
        }
        reload();
    }

    private void reload() {
        files.reload(domain);
        if (jobs != null) {
            jobs.reloadTriggers(domain);
        }
    }

    private static ApiException failure(Exception e) {
        if (e instanceof ApiException api) {
            return api.detail().startsWith("The import failed") ? api : Refusals.failed(api.detail());
        }
        LOG.warn("Import failure", e);
        return Refusals.failed(String.valueOf(e.getMessage()));
    }
}

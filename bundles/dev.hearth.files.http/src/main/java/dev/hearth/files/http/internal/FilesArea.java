package dev.hearth.files.http.internal;

import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /files} ({@code cozy-api.md} 2.4): the JSON:API of the virtual file system, uploads and
 * downloads, and {@code /settings/disk-usage}. Every route checks the caller's rights on the entry
 * (or on one of its directories) first, then makes one call to the file service.
 */
@Component
@OnInstanceHosts
public final class FilesArea implements HttpArea {
    private static final String REFS = "referenced_by";
    private static final String NOT_SYNC = "not_synchronized_on";
    private final FileService files;
    private final FileVersions fileVersions;

    @Activate
    public FilesArea(@Reference FileService files, @Reference FileVersions fileVersions) {
        this.files = files;
        this.fileVersions = fileVersions;
    }

    @Override
    public Routes routes() {
        EntryRoutes entries = new EntryRoutes(files, fileVersions);
        TrashRoutes trash = new TrashRoutes(files, entries);
        ContentRoutes content = new ContentRoutes(files, fileVersions, entries);
        QueryRoutes queries = new QueryRoutes(files);
        ArchiveRoutes archives = new ArchiveRoutes(files, entries);
        VersionRoutes versions = new VersionRoutes(files, fileVersions, entries);
        return new Routes(ErrorStyle.JSON_API)
                .get("/settings/disk-usage", queries::diskUsage)
                .post("/files/upload/metadata", content::stageMetadata)
                .post("/files/_find", queries::find)
                .post("/files/_all_docs", queries::allDocs)
                .get("/files/_changes", queries::changes)
                .get("/files/fsck", queries::fsck)
                .get("/files/metadata", entries::showByPath)
                .patch("/files/metadata", entries::patchByPath)
                .get("/files/trash", trash::list)
                .delete("/files/trash", trash::empty)
                .post("/files/trash/:id", trash::restore)
                .delete("/files/trash/:id", trash::destroy)
                .get("/files/download", content::byPath)
                .get("/files/download/:id", content::byId)
                .get("/files/download/:id/:version", versions::download)
                .post("/files/revert/:id/:version", versions::revert)
                .delete("/files/versions", versions::purge)
                .post("/files/downloads", content::createSecret)
                .get("/files/downloads/:secret/:name", content::bySecret)
                .post("/files/archive", archives::create)
                .get("/files/archive/:key/:name", archives::download)
                .post("/files/shared-drives", archives::sharedDrives)
                .patch("/files", entries::patchMany)
                .post("/files", entries::createInRoot)
                .get("/files/:id", entries::show)
                .post("/files/:id", entries::createIn)
                .put("/files/:id", entries::overwrite)
                .patch("/files/:id", entries::patch)
                .delete("/files/:id", entries::trash)
                .get("/files/:id/size", content::size)
                .get("/files/:id/thumbnails/:secret/:format", content::thumbnail)
                .post("/files/:id/versions", versions::create)
                .post("/files/:id/copy", archives::copy)
                .get("/files/:id/relationships/contents", entries::contents)
                .post("/files/:id/relationships/referenced_by", call -> entries.references(call, REFS, true))
                .delete("/files/:id/relationships/referenced_by", call -> entries.references(call, REFS, false))
                .post("/files/:id/relationships/not_synchronized_on", call -> entries.references(call, NOT_SYNC, true))
                .delete(
                        "/files/:id/relationships/not_synchronized_on",
                        call -> entries.references(call, NOT_SYNC, false))
                .patch("/files/:id/:version", versions::tag)
                .delete("/files/:id/:version", versions::delete);
    }
}

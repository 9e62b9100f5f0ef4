package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Content;
import dev.hearth.files.FileVersions;
import dev.hearth.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The old versions of files, on the volumes, blobs and rules of the file system. */
@Component(service = FileVersions.class)
public final class FileVersionsImpl implements FileVersions {
    private final FileServiceImpl files;

    @Activate
    public FileVersionsImpl(@Reference FileServiceImpl files) {
        this.files = files;
    }

    @Override
    public List<ObjectNode> versions(String domain, String fileId) {
        Volume v = files.volume(domain);
        v.tree().get(fileId);
        return Versions.of(v, fileId);
    }

    @Override
    public List<ObjectNode> versions(String domain, ObjectNode file) {
        return Versions.of(files.volume(domain), file.path("_id").asText());
    }

    @Override
    public ObjectNode version(String domain, String fileId, String versionId) {
        Volume v = files.volume(domain);
        v.tree().get(fileId);
        return Versions.get(v, fileId, versionId);
    }

    @Override
    public Content versionContent(String domain, String fileId, String versionId) {
        Volume v = files.volume(domain);
        return Versions.content(v, files.blobs(), fileId, versionId);
    }

    @Override
    public ObjectNode revert(String domain, String fileId, String versionId) {
        return files.writes().revert(files.volume(domain), fileId, versionId);
    }

    @Override
    public ObjectNode tagVersion(String domain, String fileId, String versionId, List<String> tags) {
        Volume v = files.volume(domain);
        return v.claimed("id:" + fileId, () -> Versions.tag(v, Versions.get(v, fileId, versionId), tags));
    }

    @Override
    public void deleteVersion(String domain, String fileId, String versionId) {
        Volume v = files.volume(domain);
        v.claimed("id:" + fileId, () -> {
            ObjectNode version = Versions.get(v, fileId, versionId);
            if (files.versionRules().delete(v, version)) {
                v.accountVersions(-Docs.size(version));
            }
            return null;
        });
    }

    @Override
    public ObjectNode newVersion(String domain, String fileId, @Nullable ObjectNode metadata, List<String> tags)
            throws IOException {
        Volume v = files.volume(domain);
        ObjectNode file = v.tree().get(fileId);
        if (Docs.isDirectory(file)) {
            throw ApiException.invalidParameter("id", "A directory has no versions");
        }
        Upload same = new Upload(
                null,
                Docs.size(file),
                null,
                file.path("mime").asText(null),
                tags,
                file.path("executable").asBoolean(),
                null,
                null,
                metadata,
                null,
                null,
                file.path("_rev").asText());
        try (InputStream in =
                files.blobs().open(domain, file.path("internal_vfs_id").asText(), 0)) {
            return files.writes().overwrite(v, fileId, same, in, files.quota(domain), true);
        }
    }

    @Override
    public int purgeVersions(String domain) {
        Volume v = files.volume(domain);
        return v.locked(() -> files.versionRules().purge(v));
    }

    @Override
    public String versionDownloadSecret(String domain, String fileId, String versionId) {
        version(domain, fileId, versionId);
        return files.secrets()
                .put(
                        files.volume(domain).domain(),
                        "download",
                        Json.mapper().createArrayNode().add(fileId).add(versionId));
    }
}

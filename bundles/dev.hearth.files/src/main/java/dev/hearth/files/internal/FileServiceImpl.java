package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.expiring.ExpiringValues;
import dev.hearth.common.expiring.MemoryExpiringValues;
import dev.hearth.common.health.Backend;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Children;
import dev.hearth.files.Content;
import dev.hearth.files.DiskUsage;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.files.Problem;
import dev.hearth.files.ReferencePage;
import dev.hearth.files.Upload;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** The file system over the instance stores and the blob store. */
@Component(
        service = {FileService.class, FileServiceImpl.class, InstanceListener.class, Backend.class},
        configurationPid = FilesConfig.PID)
@Designate(ocd = FilesConfig.class)
public final class FileServiceImpl implements FileService, InstanceListener, Backend {
    private final DataService data;
    private final InstanceService instances;
    private final BlobStore blobs;
    private final Writes writes;
    private final Moves moves;
    private final Versions versionRules;
    private final Thumbnails thumbnails;
    private final Secrets secrets;
    private final Volumes volumes;

    /** Outside a framework (tests): thumbnails are made on this service's own thread. */
    public FileServiceImpl(DataService data, InstanceService instances, BlobStore blobs, FilesConfig config) {
        this(data, instances, blobs, config, null, null);
    }

    /**
     * @param shared the short-lived values the nodes of a cluster share, for download secrets and
     *     staged metadata; without it they are kept in memory
     */
    @Activate
    public FileServiceImpl(
            @Reference DataService data,
            @Reference InstanceService instances,
            @Reference(name = "blobs") BlobStore blobs,
            FilesConfig config,
            @Nullable BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    @Nullable
                    ExpiringValues shared) {
        this.secrets = new Secrets(
                shared != null ? shared : new MemoryExpiringValues(),
                domain -> instances.secrets(domain).session());
        this.data = data;
        this.instances = instances;
        this.blobs = blobs;
        this.volumes = new Volumes(data, instances, blobs);
        Contents contents = new Contents(blobs);
        this.versionRules = new Versions(
                contents, config.maxVersions(), Duration.ofSeconds(Math.max(0, config.minSecondsBetweenVersions())));
        this.thumbnails = new Thumbnails(blobs, new RegisteredThumbnailRequests(context));
        this.writes = new Writes(blobs, versionRules, thumbnails);
        this.moves = new Moves(contents, versionRules);
        if (config.startupCheck()) {
            Thread.ofVirtual().name("hearth-files-startup-check").start(() -> Checks.logAtStartup(instances, this));
        }
    }

    @Override
    public String role() {
        return "blobs";
    }

    @Override
    public String describe() {
        return Backend.providedBy(blobs, FileServiceImpl.class);
    }

    BlobStore blobs() {
        return blobs;
    }

    Writes writes() {
        return writes;
    }

    Versions versionRules() {
        return versionRules;
    }

    Secrets secrets() {
        return secrets;
    }

    Volume volume(String domain) {
        return volumes.get(domain);
    }

    /** Closes the volumes: their markers go, so the next start trusts them. */
    @Deactivate
    void deactivate() {
        thumbnails.close();
        volumes.closeAll();
    }

    @Override
    public void reload(String domain) {
        volumes.forget(instances.get(domain).domain());
    }

    @Override
    public void instanceDestroying(Instance instance) {
        volumes.forget(instance.domain());
    }

    @Override
    public ObjectNode stat(String domain, String id) {
        return volume(domain).tree().get(id);
    }

    @Override
    public ObjectNode statShared(String domain, String id) {
        return volumes.shared(domain, id);
    }

    @Override
    public ObjectNode statByPath(String domain, String path) {
        String clean = Names.checkPath(path);
        Tree tree = volume(domain).tree();
        var dir = tree.directoryByPath(clean);
        if (dir.isPresent()) {
            return dir.get();
        }
        return tree.directoryByPath(Names.parent(clean))
                .flatMap(parent -> tree.child(parent.path("_id").asText(), Names.base(clean)))
                .orElseThrow(() -> ApiException.notFound("No file or directory at " + clean));
    }

    @Override
    public String path(String domain, ObjectNode doc) {
        return volumes.path(domain, doc);
    }

    @Override
    public List<String> ancestors(String domain, ObjectNode doc) {
        return volumes.ancestors(domain, doc);
    }

    @Override
    public Children children(String domain, String dirId, @Nullable String cursor, int skip, int limit) {
        Tree tree = volume(domain).tree();
        tree.directory(dirId);
        List<ObjectNode> docs = tree.children(dirId, cursor, skip, limit);
        String next = docs.size() < limit ? null : docs.getLast().path("name").asText();
        return new Children(docs, tree.count(dirId), next);
    }

    @Override
    public ObjectNode createDirectory(
            String domain,
            @Nullable String parentId,
            String name,
            List<String> tags,
            @Nullable String createdAt,
            @Nullable ObjectNode metadata) {
        return writes.mkdir(volume(domain), parentId, name, tags, createdAt, metadata);
    }

    @Override
    public ObjectNode upload(String domain, @Nullable String parentId, Upload upload, InputStream body)
            throws IOException {
        return writes.upload(volume(domain), parentId, upload, body, quota(domain));
    }

    @Override
    public ObjectNode copy(String domain, String id, @Nullable String name, @Nullable String dirId) throws IOException {
        return writes.copy(volume(domain), id, name, dirId, quota(domain));
    }

    @Override
    public ObjectNode sharedDrives(String domain) {
        return volume(domain).tree().get(Files.SHARED_DRIVES_ID);
    }

    @Override
    public ObjectNode overwrite(String domain, String id, Upload upload, InputStream body) throws IOException {
        return writes.overwrite(volume(domain), id, upload, body, quota(domain), false);
    }

    long quota(String domain) {
        return Math.max(0, instances.get(domain).diskQuota());
    }

    @Override
    public ObjectNode patch(String domain, String id, @Nullable String ifMatch, ObjectNode attributes) {
        return moves.patch(volume(domain), id, ifMatch, attributes);
    }

    @Override
    public ObjectNode references(String domain, String id, String field, List<ObjectNode> references, boolean add) {
        return moves.references(volume(domain), id, field, references, add);
    }

    @Override
    public ObjectNode trash(String domain, String id, @Nullable String ifMatch) {
        return moves.trash(volume(domain), id, ifMatch);
    }

    @Override
    public ObjectNode restore(String domain, String id) {
        return moves.restore(volume(domain), id);
    }

    @Override
    public void destroy(String domain, String id) {
        moves.destroy(volume(domain), id);
    }

    @Override
    public void emptyTrash(String domain) {
        moves.emptyTrash(volume(domain));
    }

    @Override
    public Content content(String domain, String id) {
        return content(domain, volume(domain).tree().get(id));
    }

    @Override
    public Content content(String domain, ObjectNode doc) {
        if (Docs.isDirectory(doc)) {
            throw ApiException.badRequest("Cannot download a directory");
        }
        String key = doc.path("internal_vfs_id").asText();
        return new Content(doc, Docs.size(doc), doc.path("md5sum").asText(), Content.Opener.of(blobs, domain, key));
    }

    @Override
    public long size(String domain, String id) {
        Tree tree = volume(domain).tree();
        ObjectNode doc = tree.get(id);
        if (!Docs.isDirectory(doc)) {
            return Docs.size(doc);
        }
        return tree.descendants(id).stream()
                .filter(d -> !Docs.isDirectory(d))
                .mapToLong(Docs::size)
                .sum();
    }

    @Override
    public FindResult find(String domain, ObjectNode request) {
        return volume(domain).db().find(request);
    }

    @Override
    public ObjectNode changes(
            String domain, ChangesQuery query, boolean includePath, boolean skipDeleted, boolean skipTrashed)
            throws IOException {
        return ChangesFeed.read(volume(domain), query, includePath, skipDeleted, skipTrashed);
    }

    @Override
    public String stageMetadata(String domain, ObjectNode metadata) {
        volume(domain);
        return secrets.put(domain, "metadata", metadata.deepCopy());
    }

    @Override
    public ObjectNode stagedMetadata(String domain, String id) {
        return secrets.metadata(volume(domain).domain(), id);
    }

    @Override
    public String downloadSecret(String domain, String id) {
        content(domain, id);
        return secrets.put(
                volume(domain).domain(),
                "download",
                Json.mapper().createArrayNode().add(id));
    }

    @Override
    public Content redeem(String domain, String secret) {
        JsonNode ref = secrets.take(volume(domain).domain(), "download", secret);
        if (ref.size() == 1) {
            return content(domain, ref.path(0).asText());
        }
        return Versions.content(
                volume(domain), blobs, ref.path(0).asText(), ref.path(1).asText());
    }

    @Override
    public String prepareArchive(String domain, List<String> ids) {
        Tree tree = volume(domain).tree();
        ids.forEach(tree::get);
        ArrayNode list = Json.mapper().createArrayNode();
        ids.forEach(list::add);
        return secrets.put(volume(domain).domain(), "archive", list);
    }

    @Override
    public void writeArchive(String domain, String key, OutputStream out) throws IOException {
        Volume v = volume(domain);
        JsonNode ref;
        try {
            ref = secrets.take(v.domain(), "archive", key);
        } catch (ApiException e) {
            throw ApiException.notFound("Unknown or expired archive");
        }
        List<String> ids = new ArrayList<>();
        ref.forEach(id -> ids.add(id.asText()));
        Archives.write(v, blobs, ids, out);
    }

    @Override
    public List<Problem> fsck(String domain, boolean md5) {
        Volume v = volume(domain);
        return v.locked(() -> Checks.run(v, blobs, md5));
    }

    @Override
    public DiskUsage usage(String domain) {
        Volume v = volume(domain);
        return new DiskUsage(v.used(), quota(domain), v.fileCount(), v.versionBytes());
    }

    @Override
    public ReferencePage referencing(
            String domain,
            String doctype,
            String docId,
            @Nullable String cursor,
            int skip,
            int limit,
            boolean byDatetime) {
        return References.page(volume(domain), doctype, docId, cursor, skip, limit, byDatetime);
    }

    @Override
    public void referenceMany(String domain, String doctype, String docId, List<String> ids, boolean add) {
        ObjectNode ref = dev.hearth.common.json.Json.mapper().createObjectNode();
        ref.put("type", doctype);
        ref.put("id", docId);
        moves.referenceMany(volume(domain), ref, ids, add);
    }

    @Override
    public @Nullable String thumbnailSecret(String domain, ObjectNode doc) {
        if (!Thumbnails.eligible(doc)) {
            return null;
        }
        return secrets.thumbnailSecret(volume(domain).domain(), doc.path("_id").asText());
    }

    @Override
    public Content thumbnail(String domain, String fileId, String secret, String format) {
        if (!Thumbnails.FORMATS.contains(format)) {
            throw ApiException.badRequest("Unknown thumbnail format: " + format);
        }
        Volume v = volume(domain);
        if (!secrets.validThumbnailSecret(v.domain(), fileId, secret)) {
            throw ApiException.notFound("Unknown or expired secret");
        }
        return thumbnails.content(v, fileId, format);
    }

    @Override
    public boolean makeThumbnails(String domain, String contentKey) {
        return thumbnails.make(volume(domain).domain(), contentKey);
    }
}

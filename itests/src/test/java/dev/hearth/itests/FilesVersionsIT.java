package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.files.FileService;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Old versions over real HTTP: kept on overwrite (the last three, as configured here), listed in
 * the file's {@code included}, downloaded, reverted, tagged, deleted, purged, counted in the disk
 * usage and the quota, known to fsck, and gone with their file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesVersionsIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    /**
     * Three versions per file, none refused for being too close: the file service restarts with it.
     * The configuration's other settings (the blob store of the cluster run) stay.
     */
    @Before
    public void configure() throws IOException {
        org.osgi.service.cm.Configuration files = configurations.getConfiguration("dev.hearth.files", "?");
        Dictionary<String, Object> props = files.getProperties() == null ? new Hashtable<>() : files.getProperties();
        props.put("maxVersions", 3);
        props.put("minSecondsBetweenVersions", 0);
        props.put("startupCheck", false);
        files.update(props);
        await(() -> {
            try {
                ServiceReference<?>[] refs = context.getServiceReferences(
                        FileService.class.getName(), "(&(maxVersions=3)(minSecondsBetweenVersions=0))");
                return refs == null ? null : Boolean.TRUE;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private FilesClient client(String instance, String more) {
        String domain = createInstance(instance, more);
        FilesClient files =
                new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files%20io.cozy.settings:GET"));
        await(() -> files.call("GET", "/files/" + ROOT, null).status() == 200 ? Boolean.TRUE : null);
        return files;
    }

    private static Http.Response overwrite(FilesClient files, String id, String content) {
        return files.request("PUT", "/files/" + id + "?Type=file")
                .header("Content-Type", "text/plain")
                .header("Content-MD5", FilesClient.md5(content))
                .body(content)
                .send();
    }

    private static String versionId(JsonNode version) {
        String id = version.path("id").asText();
        return id.substring(id.indexOf('/') + 1);
    }

    @Test
    public void overwritesKeepVersionsThatCanBeReadRevertedTaggedAndDeleted() {
        FilesClient files = client("versions", "");
        String id = files.uploaded(ROOT, "poem.txt", "v1").path("id").asText();
        for (String content : new String[] {"v2", "v3", "v4", "v5"}) {
            Http.Response r = overwrite(files, id, content);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        Http.Response stat = files.call("GET", "/files/" + id, null);
        JsonNode old = stat.json()
                .path("data")
                .path("relationships")
                .path("old_versions")
                .path("data");
        assertThat(old).hasSize(3);
        JsonNode included = stat.json().path("included");
        assertThat(included).hasSize(3);
        assertThat(included.path(0).path("type").asText()).isEqualTo("io.cozy.files.versions");
        assertThat(included.path(0).path("attributes").path("file_id").asText()).isEqualTo(id);
        assertThat(included.path(0).path("attributes").has("internal_vfs_id")).isFalse();
        JsonNode newest = included.path(0);
        JsonNode oldest = included.path(2);
        assertThat(files.call("GET", "/files/download/" + id + "/" + versionId(newest), null)
                        .body())
                .isEqualTo("v4");
        assertThat(files.call("GET", "/files/download/" + id + "/" + versionId(oldest), null)
                        .body())
                .isEqualTo("v2");
        assertThat(files.call("GET", "/files/download/" + id + "/nope", null).status())
                .isEqualTo(404);

        Http.Response secret = files.call("POST", "/files/downloads?VersionId=" + id + "/" + versionId(oldest), null);
        assertThat(secret.status()).as(secret.body()).isEqualTo(200);
        String related = secret.json().path("links").path("related").asText();
        assertThat(files.as(null).call("GET", related, null).body()).isEqualTo("v2");

        Http.Response tagged = files.call(
                "PATCH",
                "/files/" + id + "/" + versionId(oldest),
                "{\"data\":{\"type\":\"io.cozy.files.versions\",\"attributes\":{\"tags\":[\"draft\"]}}}");
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.json()
                        .path("data")
                        .path("attributes")
                        .path("tags")
                        .path(0)
                        .asText())
                .isEqualTo("draft");

        Http.Response reverted = files.call("POST", "/files/revert/" + id + "/" + versionId(oldest), null);
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertThat(files.call("GET", "/files/download/" + id, null).body()).isEqualTo("v2");
        assertThat(files.call("GET", "/files/download/" + id + "/" + versionId(oldest), null)
                        .status())
                .as("the version reverted to is the content now")
                .isEqualTo(404);

        assertThat(files.call("DELETE", "/files/" + id + "/" + versionId(newest), null)
                        .status())
                .isEqualTo(204);
        assertThat(files.call("DELETE", "/files/" + id + "/" + versionId(newest), null)
                        .status())
                .isEqualTo(404);
        JsonNode after = files.call("GET", "/files/" + id, null).json();
        assertThat(after.path("included")).hasSize(2);

        Http.Response copied = files.call(
                "POST",
                "/files/" + id + "/versions?Tags=signed",
                "{\"data\":{\"type\":\"io.cozy.files.metadata\",\"attributes\":{\"qualification\":{\"label\":\"x\"}}}}");
        assertThat(copied.status()).as(copied.body()).isEqualTo(200);
        JsonNode attributes = copied.json().path("data").path("attributes");
        assertThat(attributes
                        .path("metadata")
                        .path("qualification")
                        .path("label")
                        .asText())
                .isEqualTo("x");
        assertThat(attributes.path("tags").path(0).asText()).isEqualTo("signed");
        assertThat(files.call("GET", "/files/download/" + id, null).body()).isEqualTo("v2");
        assertThat(files.call("GET", "/files/" + id, null).json().path("included"))
                .hasSize(3);
        assertThat(files.call("GET", "/files/fsck?md5=true", null)
                        .json()
                        .path("count")
                        .asInt())
                .isZero();
    }

    @Test
    public void versionsCountInTheQuotaAndThePurgeFreesThem() throws IOException {
        FilesClient files = client("versionquota", "&DiskQuota=100");
        String id = files.uploaded(ROOT, "a.txt", "a".repeat(40)).path("id").asText();
        assertThat(overwrite(files, id, "b".repeat(40)).status()).isEqualTo(200);
        JsonNode usage = files.call("GET", "/settings/disk-usage", null)
                .json()
                .path("data")
                .path("attributes");
        assertThat(usage.path("used").asText()).isEqualTo("80");
        assertThat(usage.path("files").asText()).isEqualTo("40");
        assertThat(usage.path("versions").asText()).isEqualTo("40");
        Http.Response over = overwrite(files, id, "c".repeat(40));
        assertThat(over.status()).as("40 + 40 kept + 40 new > 100").isEqualTo(413);
        assertThat(files.call("GET", "/files/download/" + id, null).body()).isEqualTo("b".repeat(40));

        assertThat(files.call("DELETE", "/files/versions", null).status()).isEqualTo(204);
        usage = files.call("GET", "/settings/disk-usage", null)
                .json()
                .path("data")
                .path("attributes");
        assertThat(usage.path("versions").asText()).isEqualTo("0");
        assertThat(overwrite(files, id, "c".repeat(40)).status()).isEqualTo(200);
        assertThat(blobs("versionquota")).hasSize(2);

        assertThat(files.call("DELETE", "/files/" + id, null).status()).isEqualTo(200);
        assertThat(files.call("DELETE", "/files/trash/" + id, null).status()).isEqualTo(204);
        assertThat(blobs("versionquota"))
                .as("a destroyed file leaves no version")
                .isEmpty();
        usage = files.call("GET", "/settings/disk-usage", null)
                .json()
                .path("data")
                .path("attributes");
        assertThat(usage.path("used").asText()).isEqualTo("0");
    }

    @Test
    public void versionRoutesCheckTheRightsOnTheFile() {
        FilesClient owner = client("versionrights", "");
        String shared = owner.mkdirId(ROOT, "Shared");
        String mine = owner.uploaded(ROOT, "mine.txt", "one").path("id").asText();
        assertThat(overwrite(owner, mine, "two").status()).isEqualTo(200);
        String version = versionId(owner.call("GET", "/files/" + mine, null)
                .json()
                .path("included")
                .path(0));
        FilesClient other = owner.as(cliToken(createInstance("versionrights"), "io.cozy.files:ALL:" + shared));
        assertThat(other.call("GET", "/files/download/" + mine + "/" + version, null)
                        .status())
                .isEqualTo(403);
        assertThat(other.call("POST", "/files/revert/" + mine + "/" + version, null)
                        .status())
                .isEqualTo(403);
        assertThat(other.call("DELETE", "/files/" + mine + "/" + version, null).status())
                .isEqualTo(403);
        assertThat(other.call("DELETE", "/files/versions", null).status()).isEqualTo(403);
        assertThat(owner.call("GET", "/files/download/" + mine + "/" + version, null)
                        .body())
                .isEqualTo("one");
    }

    private java.util.List<String> blobs(String instance) throws IOException {
        return Backends.blobKeys(context, createInstance(instance));
    }
}

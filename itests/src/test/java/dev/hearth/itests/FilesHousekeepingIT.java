package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The files' housekeeping workers in the distribution: {@code trash-files} destroys the trashed
 * entries its message names (and refuses one that is not in the trash), {@code clean-old-trashed}
 * destroys the entries trashed longer ago than its age, and does nothing without one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesHousekeepingIT extends HearthTestSupport {
    private static final String SCOPE =
            "io.cozy.files%20io.cozy.jobs:POST:trash-files,clean-old-trashed:worker" + "%20io.cozy.jobs:GET";

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private String trashed(FilesClient files, String name) {
        String id = files.uploaded("io.cozy.files.root-dir", name, "content of " + name)
                .path("id")
                .asText();
        Http.Response r = files.call("DELETE", "/files/" + id, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private int status(FilesClient files, String id) {
        return files.call("GET", "/files/" + id, null).status();
    }

    private String queue(String domain, String token, String worker, String arguments) {
        return queueJob(domain, token, worker, "{\"arguments\":" + arguments + "}");
    }

    @Test
    public void trashFilesDestroysTheNamedTrashedEntriesAndRefusesOthers() {
        String alice = createInstance("trashfiles");
        String token = cliToken(alice, SCOPE);
        FilesClient files = new FilesClient(publicUrl(), alice, token);
        String a = trashed(files, "a.txt");
        String b = trashed(files, "b.txt");
        String kept = trashed(files, "kept.txt");

        JsonNode done = awaitJobEnd(
                alice, token, queue(alice, token, "trash-files", "{\"ids\":[\"" + a + "\",\"" + b + "\"]}"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("result").path("destroyed").asInt()).isEqualTo(2);
        assertThat(status(files, a)).isEqualTo(404);
        assertThat(status(files, b)).isEqualTo(404);
        assertThat(status(files, kept)).isEqualTo(200);

        String live = files.uploaded("io.cozy.files.root-dir", "live.txt", "still here")
                .path("id")
                .asText();
        JsonNode refused =
                awaitJobEnd(alice, token, queue(alice, token, "trash-files", "{\"ids\":[\"" + live + "\"]}"));
        assertThat(refused.path("state").asText()).isEqualTo("errored");
        assertThat(refused.path("error").asText()).contains(live).contains("not in the trash");
        assertThat(refused.path("exec_count").asInt()).isEqualTo(1);
        assertThat(status(files, live)).isEqualTo(200);

        JsonNode emptied = awaitJobEnd(alice, token, queue(alice, token, "trash-files", "{}"));
        assertThat(emptied.path("state").asText()).isEqualTo("done");
        assertThat(status(files, kept)).isEqualTo(404);
    }

    @Test
    public void cleanOldTrashedDestroysOnlyWhatIsOlderThanItsAge() {
        String bob = createInstance("cleanold");
        String token = cliToken(bob, SCOPE);
        FilesClient files = new FilesClient(publicUrl(), bob, token);
        String old = trashed(files, "old.txt");

        JsonNode nothing = awaitJobEnd(bob, token, queue(bob, token, "clean-old-trashed", "{}"));
        assertThat(nothing.path("state").asText()).isEqualTo("done");
        assertThat(nothing.path("result").path("destroyed").asInt()).isZero();
        assertThat(status(files, old)).isEqualTo(200);

        JsonNode young = awaitJobEnd(bob, token, queue(bob, token, "clean-old-trashed", "{\"older_than\":\"1h\"}"));
        assertThat(young.path("result").path("destroyed").asInt()).isZero();
        assertThat(status(files, old)).isEqualTo(200);

        JsonNode cleaned = awaitJobEnd(bob, token, queue(bob, token, "clean-old-trashed", "{\"older_than\":\"0s\"}"));
        assertThat(cleaned.path("state").asText()).isEqualTo("done");
        assertThat(cleaned.path("result").path("destroyed").asInt()).isEqualTo(1);
        assertThat(status(files, old)).isEqualTo(404);

        JsonNode bad = awaitJobEnd(bob, token, queue(bob, token, "clean-old-trashed", "{\"older_than\":\"soon\"}"));
        assertThat(bad.path("state").asText()).isEqualTo("errored");
        assertThat(bad.path("error").asText()).contains("older_than");
    }

    @Test
    public void theConfiguredAgeIsUsedWhenTheMessageHasNone() throws Exception {
        String carol = createInstance("cleanconf");
        String token = cliToken(carol, SCOPE);
        FilesClient files = new FilesClient(publicUrl(), carol, token);
        String old = trashed(files, "old.txt");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("autoCleanTrashedAfter", "0s");
        configurations.getConfiguration("dev.hearth.jobs.files", "?").update(props);
        try {
            JsonNode cleaned = await(() -> {
                JsonNode job = awaitJobEnd(carol, token, queue(carol, token, "clean-old-trashed", "{}"));
                return job.path("result").path("destroyed").asInt() == 1 ? job : null;
            });
            assertThat(cleaned.path("state").asText()).isEqualTo("done");
            assertThat(status(files, old)).isEqualTo(404);
        } finally {
            configurations.getConfiguration("dev.hearth.jobs.files", "?").delete();
        }
    }
}

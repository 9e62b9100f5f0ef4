package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Where a document and a file's contents land: in the instance folder on the embedded run, on
 * PostgreSQL and in the bucket on the cluster run ({@link Backends}), with nothing written to the
 * instance folder. Without it a cluster run that fell back to embedded storage would still pass.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void documentsAndContentsAreWhereTheRunSays() throws Exception {
        String domain = createInstance("storage");
        Http.Response put = Http.method("PUT", publicUrl() + "/data/io.cozy.notes/where")
                .host(domain)
                .json()
                .bearer(cliToken(domain, "io.cozy.notes"))
                .body("{\"in\":\"somewhere\"}")
                .send();
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        FilesClient files = new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
        files.uploaded("io.cozy.files.root-dir", "where.txt", "somewhere");

        String engine = Backends.cluster() ? Backends.DOCUMENTS : "(hearth.documents=embedded)";
        assertThat(context.getServiceReferences("dev.hearth.datasystem.engine.DocumentEngine", engine))
                .as("the engine " + engine)
                .hasSize(1);
        assertThat(Backends.blobKeys(context, domain)).hasSize(1);
        Path instances = Path.of(context.getProperty("hearth.data.dir"), "instances");
        List<Path> stores = local(instances, ".mv.db");
        List<Path> blobs = local(instances, "/files/blobs/");
        if (Backends.cluster()) {
            assertThat(stores).as("no embedded store file").isEmpty();
            assertThat(blobs).as("no content on the local disk").isEmpty();
            Path bucket = Path.of(System.getProperty("hearth.test.s3.bucket.dir"));
            assertThat(local(bucket.resolve(domain), "/blobs/"))
                    .as("the content in the bucket")
                    .hasSize(1);
        } else {
            assertThat(stores).isNotEmpty();
            assertThat(blobs).hasSize(1);
        }
    }

    private static List<Path> local(Path root, String part) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains(part))
                    .toList();
        }
    }
}

package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
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
 * The whole of {@link DataApiIT} again with documents on PostgreSQL: the distribution plus the
 * driver, the pool and the PostgreSQL engine from the cluster distribution, configured to a server
 * that the test driver starts, and the data service told to use it ({@code documents.target}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataOnPostgresIT extends DataApiIT {
    private static final String ENGINE = "(hearth.documents=postgres)";

    @Inject
    private ConfigurationAdmin configurations;

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(bundle(clusterBundle(4, "postgresql-")).startLevel(4));
        options.add(bundle(clusterBundle(4, "HikariCP-")).startLevel(4));
        options.add(bundle(clusterBundle(10, "dev.hearth.datasystem.postgres-")).startLevel(10));
        options.add(
                systemProperty("hearth.test.pg.url").value(PostgresServer.get().jdbcUrl()));
        return options.toArray(Option[]::new);
    }

    private static String clusterBundle(int level, String prefix) {
        Path folder = Distribution.BUILT.resolveSibling("hearth-cluster").resolve("bundle/" + level);
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + prefix + " bundle in " + folder))
                    .toUri()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Build the cluster distribution first", e);
        }
    }

    @Before
    public void documentsOnPostgres() throws Exception {
        if (configurations
                        .getConfiguration("dev.hearth.datasystem.postgres", "?")
                        .getProperties()
                == null) {
            Hashtable<String, Object> pg = new Hashtable<>();
            pg.put("servers", new String[] {"main=" + System.getProperty("hearth.test.pg.url")});
            pg.put("user", "hearth");
            configurations
                    .getConfiguration("dev.hearth.datasystem.postgres", "?")
                    .update(pg);
            Hashtable<String, Object> data = new Hashtable<>();
            data.put("documents.target", ENGINE);
            configurations.getConfiguration("dev.hearth.datasystem", "?").update(data);
        }
        await(() -> {
            try {
                ServiceReference<?>[] refs = context.getServiceReferences(
                        "dev.hearth.datasystem.DataService",
                        "(documents.target=" + ENGINE.replace("(", "\\(").replace(")", "\\)") + ")");
                return refs != null && refs.length > 0 ? Boolean.TRUE : null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void documentsAreNotInTheInstanceFolder() throws Exception {
        ServiceReference<?>[] engines =
                context.getServiceReferences("dev.hearth.datasystem.engine.DocumentEngine", ENGINE);
        assertThat(engines).as("the PostgreSQL engine is registered").hasSize(1);
        String domain = createInstance("pgdisk");
        String token = cliToken(domain, "io.cozy.notes");
        Http.Response put = Http.method("PUT", publicUrl() + "/data/io.cozy.notes/where")
                .host(domain)
                .json()
                .bearer(token)
                .body("{\"in\":\"postgres\"}")
                .send();
        assertThat(put.status()).isEqualTo(200);
        Path instances = Path.of(context.getProperty("hearth.data.dir"), "instances");
        try (Stream<Path> all = Files.walk(instances)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".mv.db")))
                    .as("no embedded store file")
                    .isEmpty();
        }
    }
}

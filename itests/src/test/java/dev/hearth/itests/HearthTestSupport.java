package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.launcher.FrameworkProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Boots the distribution's own bundle set ({@code launcher/target/hearth/bundle/<level>/}) and its
 * framework properties and default configurations in Pax Exam's native Felix, on port 0, with a
 * fresh data directory, and helps tests reach its two endpoints over real HTTP. The storage behind
 * documents and files is the embedded one or, on the cluster run, PostgreSQL and S3 ({@link
 * Backends}).
 */
public abstract class HearthTestSupport {
    private static final Duration READY = Duration.ofSeconds(60);

    @Inject
    protected BundleContext context;

    /** The Pax Exam options for the distribution, with the given app subdomain mode. */
    protected static Option[] distribution(String subdomains) {
        Path home = Path.of(System.getProperty("hearth.distribution", "../launcher/target/hearth"))
                .toAbsolutePath()
                .normalize();
        List<Option> options = new ArrayList<>();
        try {
            Path data = TestTemp.directory("hearth-itest");
            Path load = Files.createDirectories(data.resolveSibling(data.getFileName() + "-load"));
            Map<String, String> settings = Map.of(
                    "hearth.home",
                    home.toString(),
                    "hearth.data.dir",
                    data.toString(),
                    "hearth.load.dir",
                    load.toString(),
                    "hearth.http.port",
                    "0",
                    "hearth.http.host",
                    "127.0.0.1",
                    "hearth.admin.port",
                    "0",
                    "hearth.admin.host",
                    "127.0.0.1",
                    "hearth.subdomains",
                    subdomains,
                    "hearth.trusted.proxies",
                    "");
            // The same framework properties as the launcher computes, with the test's settings.
            Map<String, String> props = FrameworkProperties.load(home.resolve("conf/hearth.properties"), settings);
            props.remove("org.osgi.framework.startlevel.beginning");
            props.forEach((k, v) -> options.add(frameworkProperty(k).value(v)));
            // Added to Pax Exam's own system packages, which it needs to reach its probe.
            String extra = FrameworkProperties.systemPackagesExtra(
                    home.resolve("lib"),
                    props.get(FrameworkProperties.BOOT_EXPORTS),
                    props.get(FrameworkProperties.BOOT_PACKAGES));
            options.add(systemPackages(extra.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")));
            addBundles(home.resolve("bundle"), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the distribution in " + home + "; build it first", e);
        }
        options.add(systemProperty("jdk.httpclient.allowRestrictedHeaders").value("host"));
        options.add(frameworkStartLevel(20));
        options.add(cleanCaches(true));
        options.add(junitBundles());
        options.add(mavenBundle("net.bytebuddy", "byte-buddy", System.getProperty("bytebuddy.version")));
        options.add(mavenBundle("org.assertj", "assertj-core", System.getProperty("assertj.version")));
        options.addAll(Backends.options());
        return options.toArray(Option[]::new);
    }

    private static void addBundles(Path root, List<Option> options) throws IOException {
        try (Stream<Path> levels = Files.list(root)) {
            for (Path level : levels.sorted().toList()) {
                int startLevel = Integer.parseInt(level.getFileName().toString());
                try (Stream<Path> jars = Files.list(level)) {
                    for (Path jar : jars.sorted().toList()) {
                        options.add(bundle(jar.toUri().toString()).startLevel(startLevel));
                    }
                }
            }
        }
    }

    /** On the cluster run ({@link Backends}), documents and file contents move there first. */
    @Before
    public void backends() throws IOException {
        Backends.configure(context);
    }

    /** The base URL of the public endpoint, once it serves {@code /status}. */
    protected String publicUrl() {
        String url = await(() -> endpoint("public"));
        await(() -> Http.get(url + "/status").send().status() == 200 ? Boolean.TRUE : null);
        return url;
    }

    /** The base URL of the admin endpoint, once the admin API answers. */
    protected String adminUrl() {
        String url = await(() -> endpoint("admin"));
        await(() -> Http.get(url + "/instances/count").send().status() == 401 ? Boolean.TRUE : null);
        return url;
    }

    /** The admin passphrase the server generated on its first start. */
    protected String adminPassphrase() {
        Path file = Path.of(context.getProperty("hearth.data.dir"), "admin-passphrase");
        return await(() -> {
            try {
                return Files.exists(file) ? Files.readString(file).trim() : null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The port of the public endpoint, for instance domains such as {@code alice.localhost:<port>}. */
    protected int publicPort() {
        return URI.create(publicUrl()).getPort();
    }

    /** A POST to the admin API, authenticated with the admin passphrase. */
    protected Http.Response adminPost(String pathAndQuery) {
        return Http.post(adminUrl() + pathAndQuery)
                .basic("admin", adminPassphrase())
                .send();
    }

    /** Creates the instance {@code <name>.localhost:<port>} unless it exists, and gives its domain. */
    protected String createInstance(String name) {
        return createInstance(name, "");
    }

    /** Creates the instance with more admin parameters ({@code &Passphrase=...}) unless it exists. */
    protected String createInstance(String name, String moreParameters) {
        String domain = name + ".localhost:" + publicPort();
        Http.Response r = adminPost("/instances?Domain=" + domain + moreParameters);
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        return domain;
    }

    /** A CLI token of the instance for the given scope, with the server's default lifetime. */
    protected String cliToken(String domain, String scope) {
        return cliToken(domain, scope, null);
    }

    /** A CLI token of the instance for the given scope, expiring after {@code expire} when given. */
    protected String cliToken(String domain, String scope, String expire) {
        return adminToken(domain, "Audience=cli&Scope=" + scope + (expire == null ? "" : "&Expire=" + expire));
    }

    /** A token minted by the admin API with the given parameters ({@code Audience=app&Subject=drive}). */
    protected String adminToken(String domain, String parameters) {
        Http.Response r = adminPost("/instances/token?Domain=" + domain + "&" + parameters);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body().trim();
    }

    private String endpoint(String name) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(
                    "org.osgi.service.servlet.runtime.HttpServiceRuntime", "(org.apache.felix.http.name=" + name + ")");
            if (refs == null) {
                return null;
            }
            Object value = refs[0].getProperty("osgi.http.endpoint");
            String url = value instanceof String[] urls ? urls[0] : (String) value;
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues a job through {@code POST /jobs/queue/:worker} with these attributes (JSON); its id. */
    protected String queueJob(String domain, String token, String worker, String attributes) {
        Http.Response r = Http.post(publicUrl() + "/jobs/queue/" + worker)
                .host(domain)
                .bearer(token)
                .header("Content-Type", "application/vnd.api+json")
                .body("{\"data\":{\"attributes\":" + attributes + "}}")
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("data").path("id").asText();
    }

    /** The attributes of job {@code id} once it is done or errored. */
    protected JsonNode awaitJobEnd(String domain, String token, String id) {
        return await(() -> {
            JsonNode job = Http.get(publicUrl() + "/jobs/" + id)
                    .host(domain)
                    .bearer(token)
                    .send()
                    .json()
                    .path("data")
                    .path("attributes");
            String state = job.path("state").asText();
            return state.equals("done") || state.equals("errored") ? job : null;
        });
    }

    /** Polls until {@code probe} gives a non-null value. */
    protected static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + READY.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for the server", last);
    }
}

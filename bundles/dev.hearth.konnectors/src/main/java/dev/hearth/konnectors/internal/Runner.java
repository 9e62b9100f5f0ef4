package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.DeployedApp;
import dev.hearth.common.json.Json;
import dev.hearth.js.JsSandbox;
import dev.hearth.js.ModuleSource;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import dev.hearth.js.Usage;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the code of a deployed app in the sandbox for one job: its modules are the app's files, its
 * instance URL is {@code <scheme>://<domain>/} served at this server's own address, its JSON
 * stdout lines become {@code io.cozy.jobs.events} on the realtime hub (when asked), and its other
 * lines go to the log.
 */
final class Runner {
    static final String JOB_EVENTS = "io.cozy.jobs.events";
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    private final JsSandbox sandbox;
    private final RealtimeHub hub;
    private final BundleContext context;
    private final RunConfig config;
    private final RunBudgets budgets;

    Runner(JsSandbox sandbox, RealtimeHub hub, BundleContext context, RunConfig config) {
        this.sandbox = sandbox;
        this.hub = hub;
        this.context = context;
        this.config = config;
        this.budgets = new RunBudgets(config);
    }

    /** What to run, for which job. */
    record Request(
            String domain,
            String jobId,
            String slug,
            DeployedApp app,
            String main,
            Map<String, String> env,
            Set<String> allowedDomains,
            Instant deadline,
            boolean publishEvents) {}

    URI instanceUrl(String domain) {
        return URI.create(config.instanceScheme() + "://" + domain + "/");
    }

    /** Seconds left before the deadline, plus 5, as cozy-stack gives {@code COZY_TIME_LIMIT}. */
    static String timeLimit(Instant deadline) {
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        long seconds = millis <= 0 ? 300 : (millis + 999) / 1000;
        return Long.toString(seconds + 5);
    }

    RunResult run(Request request) {
        Duration wall = Duration.between(Instant.now(), request.deadline());
        if (wall.isNegative() || wall.isZero()) {
            wall = Duration.ofSeconds(1);
        }
        RunSpec spec = RunSpec.builder(request.slug() + "/" + request.jobId(), modules(request.app()))
                .main(request.main())
                .env(request.env())
                .budgets(budgets.of(request.slug(), wall))
                .allowedDomains(request.allowedDomains())
                .instance(instanceUrl(request.domain()), address())
                .host(host(request))
                .build();
        return sandbox.run(spec);
    }

    private RunHost host(Request request) {
        return new RunHost() {
            @Override
            public void event(OutputEvent event) {
                LOG.debug(
                        "{} {} of '{}': {} {}",
                        request.slug(),
                        request.jobId(),
                        request.domain(),
                        event.type(),
                        event.message());
                if (request.publishEvents()) {
                    ObjectNode doc = Json.mapper().createObjectNode();
                    doc.put("type", event.type()).put("message", event.message());
                    hub.publish(new Event(request.domain(), Event.Verb.CREATED, JOB_EVENTS, request.jobId(), doc));
                }
            }

            @Override
            public void log(String stream, String line) {
                LOG.debug("{} {} of '{}' {}: {}", request.slug(), request.jobId(), request.domain(), stream, line);
            }
        };
    }

    /** The figures of a run, as kept in the job's {@code result}. */
    static ObjectNode figures(RunResult result) {
        Usage u = result.usage();
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("wall_ms", u.wallMillis())
                .put("cpu_ms", u.cpuMillis())
                .put("allocated_bytes", u.allocatedBytes())
                .put("output_bytes", u.outputBytes())
                .put("requests", u.requests())
                .put("request_bytes", u.requestBytes());
        if (u.statements() >= 0) {
            out.put("statements", u.statements());
        }
        if (result.budget() != null) {
            out.put("budget", result.budget().name());
        }
        return out;
    }

    static ModuleSource modules(DeployedApp app) {
        return path -> {
            Optional<AppResource> resource = app.resource(path);
            if (resource.isEmpty()) {
                return null;
            }
            try (InputStream in = resource.get().open()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Where the instance's API is served: the configured address, else the public endpoint's. */
    @Nullable
    InetSocketAddress address() {
        String configured = config.serverAddress().trim();
        if (!configured.isEmpty()) {
            URI uri = URI.create("http://" + configured);
            return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        }
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(RUNTIME, "(org.apache.felix.http.name=public)");
            if (refs == null) {
                return null;
            }
            Object value = refs[0].getProperty("osgi.http.endpoint");
            String url = value instanceof String[] urls && urls.length > 0 ? urls[0] : String.valueOf(value);
            URI uri = URI.create(url);
            String host = uri.getHost();
            if (host == null || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
                host = "127.0.0.1";
            }
            return new InetSocketAddress(host, uri.getPort() < 0 ? 80 : uri.getPort());
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}

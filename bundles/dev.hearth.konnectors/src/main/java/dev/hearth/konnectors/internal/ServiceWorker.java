package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.auth.Audience;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.HearthException;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Worker;
import dev.hearth.js.JsSandbox;
import dev.hearth.js.RunResult;
import dev.hearth.konnectors.Konnectors;
import dev.hearth.realtime.RealtimeHub;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code service} worker ({@code cozy-api.md} 2.7): runs a background service of a webapp,
 * named by the message {@code {slug, name, fields}} (or found by its {@code service_file}), in the
 * sandbox with an {@code app} token that is bound to no session, and {@code COZY_COUCH_DOC} set to
 * the document that fired an {@code @event} trigger. A service the app no longer has, or an app
 * no longer installed, fails the job for good and deletes its trigger.
 */
@Component(
        configurationPid = Pids.SERVICE,
        property = {
            Worker.TYPE + "=" + Konnectors.SERVICE_WORKER,
            Worker.TIMEOUT + ":Integer=300",
            Worker.MAX_EXEC_COUNT + ":Integer=2"
        })
@Designate(ocd = RunConfig.class, factory = false)
public final class ServiceWorker implements Worker {
    private final JobsService jobs;
    private final AppInstallations installations;
    private final InstanceService instances;
    private final TokenService tokens;
    private final BundleContext context;
    private final Runner runner;

    @Activate
    public ServiceWorker(
            @Reference JobsService jobs,
            @Reference AppInstallations installations,
            @Reference InstanceService instances,
            @Reference TokenService tokens,
            @Reference JsSandbox sandbox,
            @Reference RealtimeHub hub,
            BundleContext context,
            RunConfig config) {
        this.jobs = jobs;
        this.installations = installations;
        this.instances = instances;
        this.tokens = tokens;
        this.context = context;
        this.runner = new Runner(sandbox, hub, context, config);
    }

    @Override
    public @Nullable JsonNode run(JobContext job) throws Exception {
        ObjectNode message = job.message();
        if (message.path("message").isObject()) {
            message = (ObjectNode) message.path("message");
        }
        String slug = message.path("slug").asText("");
        String domain = job.domain();
        Installation installation =
                installations.find(domain, AppType.WEBAPP, slug).orElse(null);
        if (installation == null) {
            throw badTrigger(job, "Application is not installed");
        }
        if (installation.state() != InstallState.READY && installation.state() != InstallState.INSTALLED) {
            throw JobFailure.transientFailure("Application is not ready", null);
        }
        try (AppCode code = AppCode.find(context, AppType.WEBAPP, slug, installation.version())) {
            if (code == null) {
                throw JobFailure.transientFailure("The app " + slug + " is not deployed", null);
            }
            AppManifest manifest = code.app().manifest();
            AppManifest.Service service = service(manifest, message);
            if (service == null) {
                throw badTrigger(job, "Service \"" + message.path("name").asText("") + "\" was not found");
            }
            RunResult result = runner.run(new Runner.Request(
                    domain,
                    job.jobId(),
                    slug,
                    code.app(),
                    Manifests.clean(service.file()),
                    env(job, slug, message),
                    Manifests.allowedDomains(manifest.raw()),
                    job.deadline(),
                    false));
            ObjectNode figures = Runner.figures(result);
            String error = Outcomes.error(result);
            if (error != null) {
                throw Outcomes.failure(error, result, figures);
            }
            return figures;
        }
    }

    private static AppManifest.@Nullable Service service(AppManifest manifest, ObjectNode message) {
        String name = message.path("name").asText("");
        String file = message.path("service_file").asText("");
        for (AppManifest.Service s : manifest.services()) {
            if (name.isEmpty() ? s.file().equals(file) : s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private Map<String, String> env(JobContext job, String slug, ObjectNode message) {
        String domain = job.domain();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COZY_URL", runner.instanceUrl(domain).toString());
        env.put("COZY_CREDENTIALS", tokens.mint(domain, Audience.APP, slug, "", null, Instant.now()));
        env.put("COZY_LANGUAGE", "node");
        env.put("COZY_LOCALE", instances.get(domain).locale());
        env.put("COZY_TIME_LIMIT", Runner.timeLimit(job.deadline()));
        env.put("COZY_JOB_ID", job.jobId());
        JsonNode event = job.event();
        JsonNode doc = event == null ? null : event.get("doc");
        env.put("COZY_COUCH_DOC", doc == null || doc.isNull() ? "" : doc.toString());
        env.put("COZY_PAYLOAD", job.payload() == null ? "" : job.payload().toString());
        JsonNode fields = message.get("fields");
        env.put("COZY_FIELDS", fields == null || fields.isNull() ? "" : fields.toString());
        if (job.triggerId() != null) {
            env.put("COZY_TRIGGER_ID", job.triggerId());
        }
        return env;
    }

    private JobFailure badTrigger(JobContext job, String message) {
        if (job.triggerId() != null) {
            try {
                jobs.deleteTrigger(job.domain(), job.triggerId());
            } catch (HearthException e) {
                // already gone
            }
        }
        return JobFailure.permanent(message);
    }
}

package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.HearthException;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.FileService;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.Worker;
import dev.hearth.jobs.WorkerGate;
import dev.hearth.js.JsSandbox;
import dev.hearth.js.RunResult;
import dev.hearth.konnectors.Accounts;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code konnector} worker ({@code cozy-api.md} 2.7): declines the automatic runs of a
 * trigger whose user must act first (no job is created; a job queued before still ends skipped), checks the konnector and the account, ensures {@code
 * folder_to_save}, then runs the konnector's code (or its {@code on_delete_account} script) in
 * the sandbox with cozy-stack's environment and a {@code konn} token. The job's error is the
 * run's last critical (else error) message, and its result the run's figures.
 */
@Component(
        service = Worker.class,
        configurationPid = Pids.KONNECTOR,
        property = {
            Worker.TYPE + "=" + Konnectors.KONNECTOR_WORKER,
            Worker.TIMEOUT + ":Integer=300",
            Worker.MAX_EXEC_COUNT + ":Integer=2"
        })
@Designate(ocd = RunConfig.class, factory = false)
public final class KonnectorWorker implements Worker, WorkerGate {
    private static final Logger LOG = LoggerFactory.getLogger(KonnectorWorker.class);

    private final JobsService jobs;
    private final AppInstallations installations;
    private final DataService data;
    private final InstanceService instances;
    private final TokenService tokens;
    private final BundleContext context;
    private final Runner runner;
    private final FolderToSave folders;

    @Activate
    public KonnectorWorker(
            @Reference JobsService jobs,
            @Reference AppInstallations installations,
            @Reference DataService data,
            @Reference FileService files,
            @Reference InstanceService instances,
            @Reference TokenService tokens,
            @Reference AppPermissions permissions,
            @Reference JsSandbox sandbox,
            @Reference RealtimeHub hub,
            BundleContext context,
            RunConfig config) {
        this.jobs = jobs;
        this.installations = installations;
        this.data = data;
        this.instances = instances;
        this.tokens = tokens;
        this.context = context;
        this.runner = new Runner(sandbox, hub, context, config);
        this.folders = new FolderToSave(files, data, jobs, permissions);
    }

    /**
     * A trigger whose last run needs the user (LOGIN_FAILED, USER_ACTION_NEEDED but the terms of
     * service) fires no job on its own, as cozy-stack's hook before a konnector job is created.
     */
    @Override
    public @Nullable String decline(String domain, Trigger trigger) {
        if (!(trigger.doc().path("message") instanceof ObjectNode message)) {
            return null;
        }
        return Outcomes.skipReason(trigger, false, message);
    }

    @Override
    public @Nullable JsonNode run(JobContext job) throws Exception {
        String domain = job.domain();
        ObjectNode message = job.message().deepCopy();
        String slug = message.path("konnector").asText("");
        if (slug.isEmpty()) {
            throw JobFailure.permanent("The message has no konnector");
        }
        Trigger trigger = trigger(domain, job.triggerId());
        String skip = Outcomes.skipReason(trigger, job.manual(), message);
        if (skip != null) {
            LOG.info("Konnector {} of '{}' not run: its last run ended with {}", slug, domain, skip);
            ObjectNode result = message.objectNode().put("skipped", true);
            throw new JobFailure(skip, false, result);
        }
        Installation installation = installation(domain, slug, job.triggerId());
        boolean deleted = message.path("account_deleted").asBoolean(false);
        ObjectNode account =
                deleted ? null : account(domain, message.path("account").asText(""), job.triggerId());
        try (AppCode code = AppCode.find(context, AppType.KONNECTOR, slug, installation.version())) {
            if (code == null) {
                throw JobFailure.transientFailure("The konnector " + slug + " is not deployed", null);
            }
            AppManifest manifest = code.app().manifest();
            folders.ensure(domain, slug, manifest.name(), message, account);
            String main = deleted ? Manifests.onDeleteAccount(manifest.raw()) : Manifests.main(manifest.raw());
            if (main.isEmpty()) {
                return message.objectNode().put("aborted", "The konnector has no on_delete_account script");
            }
            Runner.Request request = new Runner.Request(
                    domain,
                    job.jobId(),
                    slug,
                    code.app(),
                    main,
                    env(job, slug, message, manifest),
                    Manifests.allowedDomains(manifest.raw()),
                    job.deadline(),
                    true);
            return finish(job, message, runner.run(request));
        }
    }

    private ObjectNode finish(JobContext job, ObjectNode message, RunResult result) throws JobFailure {
        ObjectNode figures = Runner.figures(result);
        String error = Outcomes.error(result);
        if (error != null) {
            throw Outcomes.failure(error, result, figures);
        }
        if (message.path("account_deleted").asBoolean(false)) {
            dropSoftDeleted(job.domain(), message.path("account").asText(""));
        }
        return figures;
    }

    private Map<String, String> env(JobContext job, String slug, ObjectNode message, AppManifest manifest) {
        String domain = job.domain();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COZY_URL", runner.instanceUrl(domain).toString());
        env.put("COZY_CREDENTIALS", tokens.mint(domain, Audience.KONNECTOR, slug, "", null, Instant.now()));
        env.put("COZY_FIELDS", message.toString());
        env.put("COZY_PARAMETERS", Manifests.parameters(manifest.raw()));
        env.put("COZY_PAYLOAD", job.payload() == null ? "" : job.payload().toString());
        String language = manifest.raw().path("language").asText("");
        env.put("COZY_LANGUAGE", language.isEmpty() ? "node" : language);
        env.put("COZY_LOCALE", instances.get(domain).locale());
        env.put("COZY_TIME_LIMIT", Runner.timeLimit(job.deadline()));
        env.put("COZY_JOB_ID", job.jobId());
        env.put("COZY_JOB_MANUAL_EXECUTION", Boolean.toString(job.manual()));
        if (job.triggerId() != null) {
            env.put("COZY_TRIGGER_ID", job.triggerId());
        }
        return env;
    }

    private @Nullable Trigger trigger(String domain, @Nullable String id) {
        if (id == null) {
            return null;
        }
        try {
            return jobs.trigger(domain, id);
        } catch (HearthException e) {
            return null;
        }
    }

    private Installation installation(String domain, String slug, @Nullable String triggerId) throws JobFailure {
        Installation installation =
                installations.find(domain, AppType.KONNECTOR, slug).orElse(null);
        if (installation == null) {
            throw badTrigger(domain, triggerId, "Application is not installed");
        }
        if (installation.state() != InstallState.READY && installation.state() != InstallState.INSTALLED) {
            throw JobFailure.transientFailure("Konnector is not ready", null);
        }
        return installation;
    }

    private @Nullable ObjectNode account(String domain, String id, @Nullable String triggerId) throws JobFailure {
        if (id.isEmpty()) {
            return null;
        }
        try {
            return Docs.get(data.database(domain, Accounts.DOCTYPE), id);
        } catch (HearthException e) {
            if (e.status() == 404) {
                throw badTrigger(domain, triggerId, "Account " + id + " not found");
            }
            throw e;
        }
    }

    /** cozy-stack's bad trigger: the job fails for good and its trigger is deleted. */
    private JobFailure badTrigger(String domain, @Nullable String triggerId, String message) {
        if (triggerId != null) {
            try {
                jobs.deleteTrigger(domain, triggerId);
            } catch (HearthException e) {
                LOG.debug("The trigger {} of '{}' is already gone", triggerId, domain);
            }
        }
        return JobFailure.permanent(message);
    }

    private void dropSoftDeleted(String domain, String accountId) {
        try {
            var db = data.database(domain, Accounts.SOFT_DELETED);
            ObjectNode doc = Docs.get(db, accountId);
            doc.put("_deleted", true);
            db.save(doc);
        } catch (HearthException e) {
            LOG.debug("No soft-deleted copy of account {} of '{}' to drop", accountId, domain);
        }
    }
}

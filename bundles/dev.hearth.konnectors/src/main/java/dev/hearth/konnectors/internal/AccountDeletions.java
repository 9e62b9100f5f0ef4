package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.konnectors.Accounts;
import dev.hearth.konnectors.Konnectors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the deletion of an account, as cozy-stack's deletion hook does: the account's
 * triggers are deleted, its last revision is kept in {@value Accounts#SOFT_DELETED}, and when
 * its konnector has an {@code on_delete_account} script a manual konnector job runs it with
 * {@code {account, account_rev, konnector, account_deleted: true}}.
 *
 * <p>Deletions arrive as realtime events, after the fact, with the tombstone only; the last
 * revision of each account is therefore remembered from the events that wrote it (a bounded
 * memory, lost at restart). An account deleted before any write since the start is known by its
 * triggers only: its konnector still runs, without a kept copy.
 */
final class AccountDeletions {
    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletions.class);
    private static final int REMEMBERED = 10_000;

    private final DataService data;
    private final JobsService jobs;
    private final AppInstallations installations;
    private final BundleContext context;
    private final Map<String, ObjectNode> last = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > REMEMBERED;
        }
    });

    AccountDeletions(DataService data, JobsService jobs, AppInstallations installations, BundleContext context) {
        this.data = data;
        this.jobs = jobs;
        this.installations = installations;
        this.context = context;
    }

    void written(String domain, ObjectNode doc) {
        last.put(domain + "/" + doc.path("_id").asText(), doc);
    }

    void deleted(String domain, String id) {
        ObjectNode old = last.remove(domain + "/" + id);
        String slug = old == null ? "" : old.path(Accounts.ACCOUNT_TYPE).asText("");
        for (Trigger t : jobs.triggers(domain, Set.of(Konnectors.KONNECTOR_WORKER), Set.of())) {
            ObjectNode message = t.doc().path("message") instanceof ObjectNode m ? m : null;
            if (message != null && id.equals(message.path("account").asText())) {
                if (slug.isEmpty()) {
                    slug = message.path("konnector").asText("");
                }
                delete(domain, t);
            }
        }
        if (slug.isEmpty()) {
            return;
        }
        if (old != null) {
            keep(domain, old);
        }
        if (hasOnDelete(domain, slug)) {
            ObjectNode message = Json.mapper()
                    .createObjectNode()
                    .put("account", id)
                    .put("account_rev", old == null ? "" : old.path("_rev").asText(""))
                    .put("konnector", slug)
                    .put("account_deleted", true);
            jobs.push(domain, new JobRequest(Konnectors.KONNECTOR_WORKER, message, null, null, true, false));
            LOG.info("Account {} of '{}' deleted: running the on_delete_account of {}", id, domain, slug);
        }
    }

    private boolean hasOnDelete(String domain, String slug) {
        Installation installation =
                installations.find(domain, AppType.KONNECTOR, slug).orElse(null);
        if (installation == null) {
            return false;
        }
        try (AppCode code = AppCode.find(context, AppType.KONNECTOR, slug, installation.version())) {
            return code != null
                    && !Manifests.onDeleteAccount(code.app().manifest().raw()).isEmpty();
        }
    }

    private void keep(String domain, ObjectNode old) {
        Database db = data.database(domain, Accounts.SOFT_DELETED);
        ObjectNode copy = old.deepCopy();
        String id = copy.path("_id").asText();
        copy.put("soft_deleted_rev", copy.path("_rev").asText(""));
        copy.remove("_rev");
        try {
            copy.put("_rev", Docs.get(db, id).path("_rev").asText());
        } catch (HearthException e) {
            // no earlier copy
        }
        try {
            db.save(copy);
        } catch (HearthException e) {
            LOG.warn("Cannot keep the deleted account {} of '{}': {}", id, domain, e.getMessage());
        }
    }

    private void delete(String domain, Trigger t) {
        try {
            jobs.deleteTrigger(domain, t.id());
        } catch (HearthException e) {
            LOG.debug("The trigger {} of '{}' is already gone", t.id(), domain);
        }
    }

    @Nullable
    ObjectNode remembered(String domain, String id) {
        return last.get(domain + "/" + id);
    }
}

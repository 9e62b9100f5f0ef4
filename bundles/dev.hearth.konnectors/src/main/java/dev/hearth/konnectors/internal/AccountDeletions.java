package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Revision;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.konnectors.Accounts;
import dev.hearth.konnectors.Konnectors;
import java.util.List;
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
 * <p>Deletions arrive as realtime events, after the fact, with the tombstone only. The store
 * keeps the body of the revision an account's deletion replaced (it answers {@code GET
 * /data/io.cozy.accounts/:id?rev=<account_rev>}, which the script reads, as CouchDB does), so the
 * last revision is read from there: it survives a restart between the deletion and its script.
 */
final class AccountDeletions {
    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletions.class);

    private final DataService data;
    private final JobsService jobs;
    private final AppInstallations installations;
    private final BundleContext context;

    AccountDeletions(DataService data, JobsService jobs, AppInstallations installations, BundleContext context) {
        this.data = data;
        this.jobs = jobs;
        this.installations = installations;
        this.context = context;
    }

    /** An account was deleted by the tombstone revision {@code tombstoneRev} (empty when unknown). */
    void deleted(String domain, String id, String tombstoneRev) {
        ObjectNode old = lastRevision(domain, id, tombstoneRev);
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

    /** The revision the deletion replaced, as the store keeps it; null when it is not known. */
    private @Nullable ObjectNode lastRevision(String domain, String id, String tombstoneRev) {
        if (tombstoneRev.isEmpty()) {
            return null;
        }
        try {
            Database db = data.database(domain, Accounts.DOCTYPE);
            Revision tombstone = db.get(id, tombstoneRev, true);
            List<String> ancestry = tombstone.ancestry();
            if (!tombstone.deleted() || ancestry == null || ancestry.size() < 2) {
                return null;
            }
            return Docs.get(db, id, (tombstone.pos() - 1) + "-" + ancestry.get(1));
        } catch (HearthException e) {
            LOG.debug("No last revision of the deleted account {} of '{}': {}", id, domain, e.getMessage());
            return null;
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
}

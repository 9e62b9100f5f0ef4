package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.konnectors.Konnectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers of a webapp's services on one instance, kept in line with its manifest as
 * cozy-stack does: one {@code service} trigger per service that names a {@code trigger}, with the
 * message {@code {slug, name}}; created when the app is installed, replaced when an update
 * changes the service, deleted when the service or the app goes.
 */
final class ServiceTriggers {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTriggers.class);
    /** The trigger cozy-stack gives services that are only called on demand. */
    static final String ON_DEMAND = "@at 2000-01-01T00:00:00.000Z";

    private final JobsService jobs;

    ServiceTriggers(JobsService jobs) {
        this.jobs = jobs;
    }

    /**
     * Creates and deletes the service triggers of {@code slug} so that they match its services.
     * Serialized, so that two calls for the same app never both create a missing trigger.
     *
     * @param strict whether a trigger the jobs service refuses fails the call (as it fails an
     *     install in cozy-stack) rather than being logged and left out
     */
    synchronized void reconcile(String domain, String slug, List<AppManifest.Service> services, boolean strict) {
        List<Trigger> existing = new ArrayList<>(of(domain, slug));
        for (AppManifest.Service service : services) {
            String spec = service.trigger().trim();
            if (spec.isEmpty() || spec.equals(ON_DEMAND)) {
                continue;
            }
            String[] parts = spec.split("\\s+", 2);
            String type = parts[0];
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            Trigger same = existing.stream()
                    .filter(t -> matches(t, service.name(), type, arguments, service.debounce()))
                    .findFirst()
                    .orElse(null);
            if (same != null) {
                existing.remove(same);
                continue;
            }
            ObjectNode message =
                    Json.mapper().createObjectNode().put("slug", slug).put("name", service.name());
            String debounce = service.debounce().isBlank() ? null : service.debounce();
            try {
                jobs.createTrigger(
                        domain,
                        new TriggerRequest(type, arguments, Konnectors.SERVICE_WORKER, message, debounce, null));
            } catch (HearthException e) {
                if (strict) {
                    throw ApiException.badRequest("The trigger '" + spec + "' of the service " + service.name()
                            + " is refused: " + e.getMessage());
                }
                LOG.warn(
                        "The trigger '{}' of the service {} of {} on '{}' is refused: {}",
                        spec,
                        service.name(),
                        slug,
                        domain,
                        e.getMessage());
            }
        }
        existing.forEach(t -> delete(domain, t));
    }

    /** Deletes every service trigger of {@code slug}. */
    synchronized void removeAll(String domain, String slug) {
        of(domain, slug).forEach(t -> delete(domain, t));
    }

    List<Trigger> of(String domain, String slug) {
        return jobs.triggers(domain, Set.of(Konnectors.SERVICE_WORKER), Set.of()).stream()
                .filter(t -> slug.equals(t.doc().path("message").path("slug").asText()))
                .toList();
    }

    private static boolean matches(Trigger t, String name, String type, String arguments, String debounce) {
        JsonNode doc = t.doc();
        return name.equals(doc.path("message").path("name").asText())
                && type.equals(t.type())
                && arguments.equals(doc.path("arguments").asText(""))
                && debounce.equals(doc.path("debounce").asText(""));
    }

    private void delete(String domain, Trigger t) {
        try {
            jobs.deleteTrigger(domain, t.id());
        } catch (HearthException e) {
            LOG.debug("The trigger {} of '{}' is already gone", t.id(), domain);
        }
    }
}

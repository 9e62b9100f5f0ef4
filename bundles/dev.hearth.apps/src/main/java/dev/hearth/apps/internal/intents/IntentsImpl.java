package dev.hearth.apps.internal.intents;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.Installation;
import dev.hearth.apps.Intents;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.InstanceService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The intents of each instance, kept as {@code io.cozy.intents} documents. An app serves an intent
 * when it is installed on the instance and its deployed bundle's manifest offers the intent: the
 * deployed manifest is the one its host serves, so the href it gives is the page that answers.
 */
@Component
public final class IntentsImpl implements Intents {
    static final String ACTION_MISSING = "Action is missing";
    static final String TYPE_MISSING = "Type is missing";
    static final String NOT_AN_APP = "Only an installed app can create an intent";
    static final String NOT_A_SERVICE = "Only the apps that serve an intent can read it";

    private final DataService data;
    private final AppInstallations installations;
    private final InstanceService instances;
    private final Map<String, DeployedApp> webapps = new ConcurrentHashMap<>();

    @Activate
    public IntentsImpl(
            @Reference DataService data,
            @Reference AppInstallations installations,
            @Reference InstanceService instances) {
        this.data = data;
        this.installations = installations;
        this.instances = instances;
    }

    /** The deployed web apps, whose manifests say which intents they serve. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addApp(DeployedApp app, Map<String, Object> properties) {
        if (AppType.WEBAPP.value().equals(properties.get(AppHeaders.TYPE))) {
            webapps.put(app.manifest().slug(), app);
        }
    }

    void removeApp(DeployedApp app) {
        webapps.values().remove(app);
    }

    @Override
    public Intent create(String domain, String clientSlug, Request request, boolean secure) {
        if (request.action().isEmpty()) {
            throw ApiException.invalidAttribute("action", ACTION_MISSING);
        }
        if (request.type().isEmpty()) {
            throw ApiException.invalidAttribute("type", TYPE_MISSING);
        }
        if (installations.find(domain, AppType.WEBAPP, clientSlug).isEmpty()) {
            throw ApiException.forbidden(NOT_AN_APP);
        }
        String id = Ids.newId();
        List<Service> services = services(domain, request, id, secure);
        String client = IntentDocs.CLIENT_PREFIX + clientSlug;
        String rev = IntentDocs.save(db(domain), id, request, client, services);
        return new Intent(
                id,
                rev,
                request.action(),
                request.type(),
                request.permissions(),
                client,
                origin(domain, clientSlug, secure),
                services);
    }

    @Override
    public Intent get(String domain, String id, String readerSlug, boolean secure) {
        Intent stored = IntentDocs.find(db(domain), id).orElseThrow(() -> ApiException.notFound("Intent not found"));
        if (!servedBy(stored, readerSlug)) {
            throw ApiException.forbidden(NOT_A_SERVICE);
        }
        String client = IntentDocs.clientSlug(stored.client());
        return new Intent(
                stored.id(),
                stored.rev(),
                stored.action(),
                stored.type(),
                stored.permissions(),
                stored.client(),
                client.isEmpty() ? "" : origin(domain, client, secure),
                stored.services());
    }

    @Override
    public Optional<String> clientOrigin(String domain, String intentId, String slug, boolean secure) {
        return IntentDocs.find(db(domain), intentId)
                .filter(stored -> servedBy(stored, slug))
                .map(stored -> IntentDocs.clientSlug(stored.client()))
                .filter(client -> !client.isEmpty())
                .map(client -> origin(domain, client, secure));
    }

    /** The installed web apps that serve the request, by slug, each with its page for it. */
    private List<Service> services(String domain, Request request, String id, boolean secure) {
        List<Service> services = new ArrayList<>();
        List<Installation> installed = new ArrayList<>(installations.list(domain, AppType.WEBAPP));
        installed.sort(Comparator.comparing(Installation::slug));
        for (Installation app : installed) {
            DeployedApp deployed = webapps.get(app.slug());
            if (deployed == null) {
                continue;
            }
            Optional<AppManifest.Intent> offer =
                    IntentMatching.find(deployed.manifest().intents(), request.action(), request.type());
            offer.ifPresent(o -> services.add(
                    new Service(app.slug(), IntentMatching.href(origin(domain, app.slug(), secure), o.href(), id))));
        }
        return services;
    }

    private static boolean servedBy(Intent intent, String slug) {
        return intent.services().stream().anyMatch(s -> s.slug().equals(slug));
    }

    /** The origin of app {@code slug} of the instance: {@code http://drive.alice.example:8080}. */
    private String origin(String domain, String slug, boolean secure) {
        return (secure ? "https://" : "http://") + instances.subdomainMode().appHost(domain, slug);
    }

    private Database db(String domain) {
        return data.database(domain, DOCTYPE);
    }
}

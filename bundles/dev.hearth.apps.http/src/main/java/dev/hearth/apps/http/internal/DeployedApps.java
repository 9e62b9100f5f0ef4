package dev.hearth.apps.http.internal;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The web apps the extender has deployed, by slug and version: a whiteboard of the {@link
 * DeployedApp} services app bundles carry, so an app answers as soon as its bundle starts and
 * stops answering when it stops. Every version of an app is deployed at once, and each instance is
 * served the version its document names.
 */
@Component(service = DeployedApps.class)
public final class DeployedApps {
    private record Key(String slug, String version) {}

    private final Map<Key, DeployedApp> webapps = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addApp(DeployedApp app, Map<String, Object> properties) {
        if (AppType.WEBAPP.value().equals(properties.get(AppHeaders.TYPE))) {
            webapps.put(new Key(app.manifest().slug(), app.manifest().version()), app);
        }
    }

    void removeApp(DeployedApp app) {
        webapps.remove(new Key(app.manifest().slug(), app.manifest().version()), app);
    }

    /** The deployed web app with this slug in this version (its manifest's), if any. */
    Optional<DeployedApp> webapp(String slug, String version) {
        return Optional.ofNullable(webapps.get(new Key(slug, version)));
    }
}

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
 * The web apps the extender has deployed, by slug: a whiteboard of the {@link DeployedApp}
 * services app bundles carry, so an app answers as soon as its bundle starts and stops answering
 * when it stops.
 */
@Component(service = DeployedApps.class)
public final class DeployedApps {
    private final Map<String, DeployedApp> webapps = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addApp(DeployedApp app, Map<String, Object> properties) {
        if (AppType.WEBAPP.value().equals(properties.get(AppHeaders.TYPE))) {
            webapps.put(app.manifest().slug(), app);
        }
    }

    void removeApp(DeployedApp app) {
        webapps.values().remove(app);
    }

    /** The deployed web app with this slug, if any. */
    Optional<DeployedApp> webapp(String slug) {
        return Optional.ofNullable(webapps.get(slug));
    }
}

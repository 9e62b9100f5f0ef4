package dev.hearth.web.internal;

import dev.hearth.web.HttpArea;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every {@link HttpArea}: registers a whiteboard servlet for each servlet pattern its routes
 * give, in the context and endpoint its properties select (the instance context of the public
 * endpoint when it selects none), and unregisters it when the area goes. Areas that give the same
 * pattern on the same context and endpoint share its servlet (the apps area and the konnectors
 * area both serve {@code /konnectors/*}): a request goes to the first of them that has its path.
 */
@Component(immediate = true)
public final class AreaTracker {
    private static final Logger LOG = LoggerFactory.getLogger(AreaTracker.class);
    private static final String SELECT = HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT;
    private static final String TARGET = HttpWhiteboardConstants.HTTP_WHITEBOARD_TARGET;

    private record Key(
            String pattern, Object select, @Nullable Object target) {}

    private record Shared(AreaServlet servlet, ServiceRegistration<Servlet> registration) {}

    private record Served(Routes routes, List<Key> keys) {}

    private final BundleContext context;
    private final Map<HttpArea, Served> areas = new IdentityHashMap<>();
    private final Map<Key, Shared> servlets = new HashMap<>();
    private boolean active = true;

    @Activate
    public AreaTracker(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArea(HttpArea area, Map<String, Object> properties) {
        Routes routes = area.routes();
        Object select = properties.get(SELECT);
        Object target = properties.get(TARGET);
        Object contextSelect = select != null ? select : WebConstants.INSTANCE_SELECT;
        Object endpoint = target != null ? target : select == null ? WebConstants.PUBLIC_TARGET : null;
        List<Key> keys = new ArrayList<>();
        for (String pattern : routes.patterns()) {
            keys.add(new Key(pattern, contextSelect, endpoint));
        }
        synchronized (servlets) {
            if (!active) {
                return;
            }
            for (Key key : keys) {
                Shared shared = servlets.get(key);
                if (shared != null) {
                    shared.servlet().add(routes);
                } else {
                    servlets.put(key, register(key, routes, name(area, properties)));
                }
            }
            areas.put(area, new Served(routes, keys));
        }
        LOG.debug("HTTP area {} on {} {}", name(area, properties), contextSelect, keys);
    }

    private Shared register(Key key, Routes routes, String name) {
        Hashtable<String, Object> servlet = new Hashtable<>();
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, key.pattern());
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name + " " + key.pattern());
        servlet.put(SELECT, key.select());
        if (key.target() != null) {
            servlet.put(TARGET, key.target());
        }
        AreaServlet area = new AreaServlet(routes);
        return new Shared(area, context.registerService(Servlet.class, area, servlet));
    }

    void removeArea(HttpArea area) {
        List<ServiceRegistration<Servlet>> gone = new ArrayList<>();
        synchronized (servlets) {
            Served served = areas.remove(area);
            if (served == null) {
                return;
            }
            for (Key key : served.keys()) {
                Shared shared = servlets.get(key);
                if (shared != null && shared.servlet().remove(served.routes())) {
                    servlets.remove(key);
                    gone.add(shared.registration());
                }
            }
        }
        gone.forEach(AreaTracker::unregister);
    }

    @Deactivate
    void deactivate() {
        synchronized (servlets) {
            active = false;
            servlets.values().forEach(s -> unregister(s.registration()));
            servlets.clear();
            areas.clear();
        }
    }

    private static String name(HttpArea area, Map<String, Object> properties) {
        Object component = properties.get("component.name");
        return component != null ? component.toString() : area.getClass().getName();
    }

    private static void unregister(ServiceRegistration<Servlet> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with its bundle
        }
    }
}

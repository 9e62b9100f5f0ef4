package dev.hearth.web.internal;

import dev.hearth.web.HttpArea;
import dev.hearth.web.Routes;
import dev.hearth.web.WebConstants;
import jakarta.servlet.Servlet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
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
 * Serves every {@link HttpArea}: for each one, registers a whiteboard servlet over its routes,
 * with the patterns its routes give and the context and endpoint its properties select (the
 * instance context of the public endpoint when it selects none), and unregisters it when the area
 * goes.
 */
@Component(immediate = true)
public final class AreaTracker {
    private static final Logger LOG = LoggerFactory.getLogger(AreaTracker.class);
    private static final String SELECT = HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT;
    private static final String TARGET = HttpWhiteboardConstants.HTTP_WHITEBOARD_TARGET;

    private final BundleContext context;
    private final Map<HttpArea, ServiceRegistration<Servlet>> servlets = new IdentityHashMap<>();
    private boolean active = true;

    @Activate
    public AreaTracker(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArea(HttpArea area, Map<String, Object> properties) {
        Routes routes = area.routes();
        Set<String> patterns = routes.patterns();
        Hashtable<String, Object> servlet = new Hashtable<>();
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, patterns.toArray(String[]::new));
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name(area, properties));
        Object select = properties.get(SELECT);
        Object target = properties.get(TARGET);
        servlet.put(SELECT, select != null ? select : WebConstants.INSTANCE_SELECT);
        if (target != null || select == null) {
            servlet.put(TARGET, target != null ? target : WebConstants.PUBLIC_TARGET);
        }
        synchronized (servlets) {
            if (active) {
                servlets.put(area, context.registerService(Servlet.class, new AreaServlet(routes), servlet));
            }
        }
        LOG.debug(
                "HTTP area {} on {} {}",
                servlet.get(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME),
                servlet.get(SELECT),
                patterns);
    }

    void removeArea(HttpArea area) {
        ServiceRegistration<Servlet> registration;
        synchronized (servlets) {
            registration = servlets.remove(area);
        }
        unregister(registration);
    }

    @Deactivate
    void deactivate() {
        synchronized (servlets) {
            active = false;
            servlets.values().forEach(AreaTracker::unregister);
            servlets.clear();
        }
    }

    private static String name(HttpArea area, Map<String, Object> properties) {
        Object component = properties.get("component.name");
        return component != null ? component.toString() : area.getClass().getName();
    }

    private static void unregister(ServiceRegistration<Servlet> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with its bundle
        }
    }
}

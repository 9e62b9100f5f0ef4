package dev.hearth.web.internal;

import dev.hearth.common.health.HealthCheck;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/** Reports {@code http}: both endpoints, public and admin, are registered and accept connections. */
@Component
public final class EndpointsHealthCheck implements HealthCheck {
    private static final String NAME = "org.apache.felix.http.name";
    private static final List<String> ENDPOINTS = List.of("public", "admin");
    private static final int CONNECT_MILLIS = 1000;

    private final Map<String, String> urls = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        String url = firstUrl(properties.get("osgi.http.endpoint"));
        if (properties.get(NAME) instanceof String name && url != null) {
            urls.put(name, url);
        }
    }

    void removeRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        if (properties.get(NAME) instanceof String name) {
            urls.remove(name);
        }
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void check() throws Exception {
        List<String> down = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            String url = urls.get(endpoint);
            if (url == null || !accepts(URI.create(url))) {
                down.add(endpoint);
            }
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException("endpoint not serving: " + String.join(", ", down));
        }
    }

    private static boolean accepts(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), CONNECT_MILLIS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String firstUrl(Object endpoint) {
        if (endpoint instanceof String url) {
            return url;
        }
        if (endpoint instanceof String[] all && all.length > 0) {
            return all[0];
        }
        if (endpoint instanceof java.util.Collection<?> all && !all.isEmpty()) {
            return String.valueOf(all.iterator().next());
        }
        return null;
    }
}

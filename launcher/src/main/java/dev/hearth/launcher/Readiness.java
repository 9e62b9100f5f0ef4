package dev.hearth.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Waits until both HTTP endpoints are up and {@code GET /status} answers 200 on the public one.
 * Endpoints are read from the HTTP runtime services, so port 0 works.
 */
final class Readiness {
    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    /** The base URLs of the two endpoints. */
    record Endpoints(String publicUrl, String adminUrl) {
        int publicPort() {
            return URI.create(publicUrl).getPort();
        }
    }

    private Readiness() {}

    /** The endpoints once ready, or null after {@code timeout}. */
    static Endpoints await(Framework framework, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int state = framework.getState();
            if (state != Framework.ACTIVE && state != Framework.STARTING) {
                return null;
            }
            Endpoints endpoints = endpoints(framework.getBundleContext());
            if (endpoints != null && statusOk(endpoints.publicUrl())) {
                return endpoints;
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static Endpoints endpoints(BundleContext context) {
        String publicUrl = endpoint(context, "public");
        String adminUrl = endpoint(context, "admin");
        return publicUrl == null || adminUrl == null ? null : new Endpoints(publicUrl, adminUrl);
    }

    /** The first endpoint URL of the named HTTP runtime, without its trailing slash. */
    static String endpoint(BundleContext context, String name) {
        try {
            ServiceReference<?>[] refs =
                    context.getServiceReferences(RUNTIME, "(org.apache.felix.http.name=" + name + ")");
            if (refs == null) {
                return null;
            }
            Object value = refs[0].getProperty("osgi.http.endpoint");
            String url = value instanceof String[] urls ? (urls.length == 0 ? null : urls[0]) : (String) value;
            return url == null ? null : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One {@code GET /status} over a plain socket: the JDK HTTP client would load hundreds of
     * classes during startup for a single request.
     */
    static boolean statusOk(String publicUrl) {
        URI uri = URI.create(publicUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /status HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}

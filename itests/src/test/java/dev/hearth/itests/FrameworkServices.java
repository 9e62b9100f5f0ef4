package dev.hearth.itests;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The services of the framework, to check that what a test did left none behind. */
final class FrameworkServices {
    private FrameworkServices() {}

    /** Every service of the framework by id, with its interfaces and bundle. */
    static Map<Long, String> of(BundleContext context) throws InvalidSyntaxException {
        Map<Long, String> services = new TreeMap<>();
        for (ServiceReference<?> r : context.getAllServiceReferences(null, null)) {
            Bundle owner = r.getBundle();
            services.put(
                    (Long) r.getProperty(Constants.SERVICE_ID),
                    Arrays.toString((String[]) r.getProperty(Constants.OBJECTCLASS)) + " of "
                            + (owner == null ? "-" : owner.getSymbolicName()));
        }
        return services;
    }

    /** {@link #of} once nothing changed for a second (within 30 s): the server is settled. */
    static Map<Long, String> settled(BundleContext context) throws InvalidSyntaxException {
        Map<Long, String> last = of(context);
        long deadline = System.nanoTime() + 30_000_000_000L;
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 1_000_000_000L && System.nanoTime() < deadline) {
            sleep(100);
            Map<Long, String> now = of(context);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        return last;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

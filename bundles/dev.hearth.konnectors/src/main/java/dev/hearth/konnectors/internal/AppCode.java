package dev.hearth.konnectors.internal;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The deployed bundle of one app version, held while a run uses it: the framework may remove the
 * bundle meanwhile (an update finished), in which case its files read as missing.
 */
final class AppCode implements AutoCloseable {
    private final BundleContext context;
    private final ServiceReference<DeployedApp> reference;
    private final DeployedApp app;

    private AppCode(BundleContext context, ServiceReference<DeployedApp> reference, DeployedApp app) {
        this.context = context;
        this.reference = reference;
        this.app = app;
    }

    DeployedApp app() {
        return app;
    }

    /** The deployed app of this type, slug and version, or null when none is deployed. */
    static @Nullable AppCode find(BundleContext context, AppType type, String slug, String version) {
        String filter = "(&(" + AppHeaders.SLUG + "=" + escape(slug) + ")(" + AppHeaders.TYPE + "=" + type.value()
                + ")(" + AppHeaders.VERSION + "=" + escape(version) + "))";
        Collection<ServiceReference<DeployedApp>> refs;
        try {
            refs = context.getServiceReferences(DeployedApp.class, filter);
        } catch (InvalidSyntaxException e) {
            return null;
        }
        for (ServiceReference<DeployedApp> ref : refs) {
            DeployedApp app = context.getService(ref);
            if (app != null) {
                return new AppCode(context, ref, app);
            }
        }
        return null;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // this bundle is stopping
        }
    }
}

package dev.hearth.instances.internal;

import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.NewInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link InstanceListener}s: those added directly (tests, embedding) and those registered as
 * OSGi services. Services are looked up at each event rather than bound as references: a listener
 * (the datasystem) itself depends on the instance service, and a reference would make a cycle.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<InstanceListener> added = new CopyOnWriteArrayList<>();
    private volatile @Nullable BundleContext context;

    void add(InstanceListener listener) {
        added.add(listener);
    }

    void remove(InstanceListener listener) {
        added.remove(listener);
    }

    void useServicesOf(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** Tells every listener; the first that throws stops the others and its error propagates. */
    void creating(Instance instance, NewInstance request) {
        forEach(l -> l.instanceCreating(instance, request));
    }

    /** Tells every listener; a failure is logged, as the instance exists whatever a listener says. */
    void created(Instance instance) {
        forEach(l -> tolerant(instance, "creation", () -> l.instanceCreated(instance)));
    }

    /** Tells every listener; a failure is logged, as the instance is gone whatever a listener says. */
    void destroying(Instance instance) {
        forEach(l -> tolerant(instance, "deletion", () -> l.instanceDestroying(instance)));
    }

    private static void tolerant(Instance instance, String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A listener failed on the {} of instance '{}'", event, instance.domain(), e);
        }
    }

    private void forEach(Consumer<InstanceListener> event) {
        added.forEach(event);
        BundleContext ctx = context;
        if (ctx == null) {
            return;
        }
        for (ServiceReference<InstanceListener> ref : references(ctx)) {
            InstanceListener listener = ctx.getService(ref);
            if (listener != null) {
                try {
                    event.accept(listener);
                } finally {
                    ctx.ungetService(ref);
                }
            }
        }
    }

    private static List<ServiceReference<InstanceListener>> references(BundleContext ctx) {
        try {
            return new ArrayList<>(ctx.getServiceReferences(InstanceListener.class, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            LOG.debug("The bundle is stopping: no listener to tell", e);
            return List.of();
        }
    }
}

package dev.hearth.itests.jobs;

import dev.hearth.jobs.Worker;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link ItWorker} as the {@code it-echo} worker, one job at a time. */
public final class ItWorkerActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Worker.TYPE, "it-echo");
        props.put(Worker.CONCURRENCY, 1);
        context.registerService(Worker.class, new ItWorker(context.getBundle().getBundleId()), props);
    }

    @Override
    public void stop(BundleContext context) {}
}

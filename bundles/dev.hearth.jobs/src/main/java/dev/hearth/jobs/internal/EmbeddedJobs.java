package dev.hearth.jobs.internal;

import dev.hearth.jobs.JobsBackend;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The backend of a single node: nothing is shared. The broker keeps the queue in memory and the
 * node's own scheduler fires every trigger, so the jobs service never calls the queue methods.
 */
@Component(property = JobsBackend.PROPERTY + "=embedded")
public final class EmbeddedJobs implements JobsBackend {
    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void offer(String domain, String id, String worker) {}

    @Override
    public List<Claim> claim(String worker, int max) {
        return List.of();
    }

    @Override
    public void done(String domain, String id) {}

    @Override
    public void release(String domain, String id) {}

    @Override
    public void releaseAll() {}

    @Override
    public void triggerChanged(String domain, String id) {}

    @Override
    public AutoCloseable watch(Listener listener) {
        return () -> {};
    }

    @Override
    public String describe() {
        return "embedded";
    }
}

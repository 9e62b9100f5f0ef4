package dev.hearth.move.internal;

import dev.hearth.datasystem.DataService;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobsService;
import dev.hearth.move.MoveService;
import dev.hearth.move.Moves;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Moves between servers over the exports and imports of {@link MoveService}. */
@Component(service = Moves.class, configurationPid = MoveConfig.PID)
public final class MovesImpl implements Moves {
    private final SourceMoves source;
    private final TargetImports target;

    @Activate
    public MovesImpl(
            @Reference MoveService move,
            @Reference DataService data,
            @Reference InstanceService instances,
            @Reference JobsService jobs,
            MoveConfig config) {
        Remote remote = new Remote(
                new Egress(config.allowPrivateAddresses(), config.trustedHosts(), InetAddress::getAllByName));
        this.source = new SourceMoves(move, instances, jobs, Duration.ofSeconds(config.confirmSeconds()), remote);
        this.target = new TargetImports(move, data, instances, remote);
        // Moves under way live in memory only: what a stop left blocked is released here, once
        // activation is over (changing an instance calls services that may wait for this one).
        Thread.ofVirtual().name("move-recovery").start(() -> {
            source.recover();
            target.recover();
        });
    }

    @Override
    public MoveRequest request(String domain, String targetUrl, String targetToken) {
        return source.request(domain, targetUrl, targetToken);
    }

    @Override
    public String go(String domain, String sourceUrl, String secret) {
        return source.go(domain, sourceUrl, secret);
    }

    @Override
    public boolean isMoveSecret(String domain, @Nullable String secret) {
        return source.isMoveSecret(domain, secret);
    }

    @Override
    public void finish(String domain, String secret, boolean moved) {
        source.finish(domain, secret, moved);
    }

    @Override
    public @Nullable String movedTo(String domain) {
        return source.movedTo(domain);
    }

    @Override
    public void precheck(String domain) {
        target.precheck(domain);
    }

    @Override
    public void block(String domain, @Nullable String from) {
        target.block(domain, from);
    }

    @Override
    public void unblock(String domain) {
        target.unblock(domain);
    }

    @Override
    public void importFrom(String domain, String url, @Nullable String sourceUrl, @Nullable String sourceSecret) {
        target.importFrom(domain, url, sourceUrl, sourceSecret);
    }

    @Override
    public ImportStatus importStatus(String domain) {
        return target.status(domain);
    }
}

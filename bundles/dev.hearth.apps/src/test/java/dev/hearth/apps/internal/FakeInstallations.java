package dev.hearth.apps.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Installations recorded in memory, for the services that only read which apps an instance has:
 * the real installer needs the framework to deploy archives.
 */
public final class FakeInstallations implements AppInstallations {
    private final List<Entry> installed = new ArrayList<>();

    private record Entry(String domain, Installation installation) {}

    /** Records {@code slug} as installed and ready on the instance. */
    public FakeInstallations add(String domain, AppType type, String slug) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", (type == AppType.WEBAPP ? "io.cozy.apps/" : "io.cozy.konnectors/") + slug);
        doc.put("_rev", "1-a");
        installed.add(new Entry(domain, new Installation(slug, type, InstallState.READY, "1.0.0", doc)));
        return this;
    }

    @Override
    public Optional<Installation> find(String domain, AppType type, String slug) {
        return list(domain, type).stream().filter(i -> i.slug().equals(slug)).findFirst();
    }

    @Override
    public List<Installation> list(String domain, AppType type) {
        return installed.stream()
                .filter(e -> e.domain().equals(domain) && e.installation().type() == type)
                .map(Entry::installation)
                .toList();
    }

    @Override
    public Installation install(String domain, AppType type, String slug, String source) {
        throw new UnsupportedOperationException("installs nothing");
    }

    @Override
    public Installation update(
            String domain, AppType type, String slug, @Nullable String source, boolean permissionsAcked) {
        throw new UnsupportedOperationException("updates nothing");
    }

    @Override
    public Installation uninstall(String domain, AppType type, String slug) {
        throw new UnsupportedOperationException("uninstalls nothing");
    }
}

package dev.hearth.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.SubdomainMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostResolverTest {
    private static final Instance ALICE = instance("alice.localhost:8080");
    private static final Instance BARE = instance("localhost:8080");
    private final Map<String, Instance> known = Map.of(ALICE.domain(), ALICE, BARE.domain(), BARE);

    @Test
    void nestedModeResolvesInstancesAndApps() {
        Map<String, Instance> onlyAlice = Map.of(ALICE.domain(), ALICE);
        HostResolver r = new HostResolver(SubdomainMode.NESTED, onlyAlice::get);
        assertThat(r.resolve("alice.localhost:8080")).contains(new HostMatch(ALICE, null));
        assertThat(r.resolve("ALICE.localhost:8080")).contains(new HostMatch(ALICE, null));
        assertThat(r.resolve("drive.alice.localhost:8080")).contains(new HostMatch(ALICE, "drive"));
        assertThat(r.resolve("alice-drive.localhost:8080")).isEmpty();
        assertThat(r.resolve("bob.localhost:8080")).isEmpty();
        assertThat(r.resolve("alice.localhost:8081")).isEmpty();
        assertThat(r.resolve("x.drive.alice.localhost:8080")).isEmpty();
    }

    @Test
    void theHostIsFirstTriedAsAnAppHost() {
        HostResolver r = new HostResolver(SubdomainMode.NESTED, known::get);
        // "alice.localhost:8080" is first read as app "alice" of instance "localhost:8080", which exists.
        Map<String, Instance> both = Map.of(BARE.domain(), BARE);
        assertThat(new HostResolver(SubdomainMode.NESTED, both::get).resolve("alice.localhost:8080"))
                .contains(new HostMatch(BARE, "alice"));
        assertThat(r.resolve("localhost:8080")).contains(new HostMatch(BARE, null));
    }

    @Test
    void flatModeResolvesApps() {
        Map<String, Instance> onlyAlice = Map.of(ALICE.domain(), ALICE);
        HostResolver r = new HostResolver(SubdomainMode.FLAT, onlyAlice::get);
        assertThat(r.resolve("alice-drive.localhost:8080")).contains(new HostMatch(ALICE, "drive"));
        assertThat(r.resolve("alice-my-app.localhost:8080")).contains(new HostMatch(ALICE, "my-app"));
        assertThat(r.resolve("alice.localhost:8080")).contains(new HostMatch(ALICE, null));
        assertThat(r.resolve("drive.alice.localhost:8080")).isEmpty();
        assertThat(r.resolve("alice-.localhost:8080")).isEmpty();
        assertThat(r.resolve("-drive.localhost:8080")).isEmpty();
    }

    @Test
    void emptyAndOddHostsResolveToNothing() {
        HostResolver r = new HostResolver(SubdomainMode.NESTED, known::get);
        assertThat(r.resolve("")).isEmpty();
        assertThat(r.resolve(null)).isEqualTo(Optional.empty());
        assertThat(r.resolve(".")).isEmpty();
        assertThat(r.resolve("localhost:8080.")).contains(new HostMatch(BARE, null));
    }

    private static Instance instance(String domain) {
        return new Instance(
                "id-" + domain,
                domain,
                "en",
                null,
                null,
                null,
                "default",
                null,
                false,
                null,
                0,
                false,
                null,
                "basic",
                "2026-01-01T00:00:00Z");
    }
}

package dev.hearth.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.registry.RegistryBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two registries on one shared backend, as two nodes of a cluster: the backend here is a folder
 * store both read, which tells every watcher of each change, as PostgreSQL's notices do.
 */
class SharedRegistryTest {
    @TempDir
    Path shared;

    @TempDir
    Path nodeA;

    @TempDir
    Path nodeB;

    /** The folder store, shared, with notices to every watcher after each write. */
    private static final class Shared implements RegistryBackend {
        final InstanceStore store;
        final List<Consumer<@Nullable String>> watchers = new CopyOnWriteArrayList<>();
        boolean quiet;

        Shared(Path root) throws IOException {
            store = new InstanceStore(root);
        }

        private void tell(String domain) {
            if (!quiet) {
                watchers.forEach(w -> w.accept(domain));
            }
        }

        @Override
        public List<ObjectNode> loadAll() throws IOException {
            return store.loadAll();
        }

        @Override
        public @Nullable ObjectNode load(String domain) throws IOException {
            return store.load(domain);
        }

        @Override
        public void create(String domain, ObjectNode record, InstanceSecrets secrets) throws IOException {
            store.create(domain, record, secrets);
        }

        @Override
        public void publish(String domain) {
            tell(domain);
        }

        @Override
        public @Nullable ObjectNode update(String domain, UnaryOperator<ObjectNode> change) throws IOException {
            ObjectNode updated = store.update(domain, change);
            tell(domain);
            return updated;
        }

        @Override
        public InstanceSecrets secrets(String domain) throws IOException {
            return store.secrets(domain);
        }

        @Override
        public void delete(String domain) throws IOException {
            store.delete(domain);
            tell(domain);
        }

        @Override
        public byte @Nullable [] readPrivate(String domain, String name) throws IOException {
            return store.readPrivate(domain, name);
        }

        @Override
        public void writePrivate(String domain, String name, byte[] content) throws IOException {
            store.writePrivate(domain, name, content);
        }

        @Override
        public void deletePrivate(String domain, String name) throws IOException {
            store.deletePrivate(domain, name);
        }

        @Override
        public AutoCloseable watch(Consumer<@Nullable String> changed) {
            watchers.add(changed);
            return () -> watchers.remove(changed);
        }

        @Override
        public String describe() {
            return "shared folder";
        }
    }

    @Test
    void anInstanceCreatedOnOneNodeIsServedByTheOtherWithTheSameSecretsAndFiles() throws IOException {
        Shared backend = new Shared(shared);
        InstanceServiceImpl a = new InstanceServiceImpl(TestConfigs.instances(nodeA, "nested"), backend);
        InstanceServiceImpl b = new InstanceServiceImpl(TestConfigs.instances(nodeB, "nested"), backend);
        assertThat(b.find("alice.localhost")).as("a miss, remembered").isEmpty();

        a.create(NewInstance.of("alice.localhost"));
        assertThat(b.get("alice.localhost").domain()).isEqualTo("alice.localhost");
        assertThat(b.secrets("alice.localhost").session())
                .isEqualTo(a.secrets("alice.localhost").session());
        assertThat(b.resolveHost("drive.alice.localhost")).isPresent();
        a.writePrivate("alice.localhost", "passphrase.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(b.readPrivate("alice.localhost", "passphrase.json"))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(b.describe()).isEqualTo("shared folder");
        assertThat(b.count()).isEqualTo(1);
    }

    @Test
    void changesAndDestructionReachTheOtherNode() throws IOException {
        Shared backend = new Shared(shared);
        InstanceServiceImpl a = new InstanceServiceImpl(TestConfigs.instances(nodeA, "nested"), backend);
        InstanceServiceImpl b = new InstanceServiceImpl(TestConfigs.instances(nodeB, "nested"), backend);
        a.create(NewInstance.of("alice.localhost"));
        assertThat(b.get("alice.localhost").blocked()).isFalse();

        a.modify("alice.localhost", InstanceChanges.builder().blocked(true).build());
        assertThat(b.get("alice.localhost").blocked()).as("told by the notice").isTrue();

        b.modify("alice.localhost", InstanceChanges.builder().locale("fr").build());
        assertThat(a.get("alice.localhost").locale()).isEqualTo("fr");
        assertThat(a.get("alice.localhost").blocked())
                .as("a change applies to the stored record, not to the node's copy")
                .isTrue();

        a.destroy("alice.localhost");
        assertThat(b.find("alice.localhost")).isEmpty();
        assertThatThrownBy(() -> b.modify(
                        "alice.localhost",
                        InstanceChanges.builder().locale("de").build()))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aLostNoticeIsMadeUpByReadingEverythingAgain() throws IOException {
        Shared backend = new Shared(shared);
        InstanceServiceImpl a = new InstanceServiceImpl(TestConfigs.instances(nodeA, "nested"), backend);
        InstanceServiceImpl b = new InstanceServiceImpl(TestConfigs.instances(nodeB, "nested"), backend);
        a.create(NewInstance.of("alice.localhost"));
        a.create(NewInstance.of("bob.localhost"));
        assertThat(b.list()).hasSize(2);
        backend.quiet = true;
        a.modify("alice.localhost", InstanceChanges.builder().blocked(true).build());
        a.destroy("bob.localhost");
        assertThat(b.get("alice.localhost").blocked()).as("no notice yet").isFalse();
        backend.watchers.forEach(w -> w.accept(null));
        assertThat(b.get("alice.localhost").blocked()).isTrue();
        assertThat(b.find("bob.localhost")).isEmpty();
    }
}

package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Apps page's forms install from an absolute path on the server, as a {@code file:} source,
 * remove, and turn the installer's refusals into messages for the admin.
 */
class AppActionsTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Installed installed = new Installed();
    private final AppActions actions = new AppActions(installed);

    @BeforeEach
    void listen() {
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void release() {
        root.detachAppender(lines);
    }

    private List<String> logged() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anArchiveOnTheServerIsInstalledFromItsFileUri() {
        String message = actions.perform("install", " alice.localhost ", "webapp", "notes", "/srv/apps/../notes 1.tgz");

        assertThat(message).isEqualTo("Installed notes 1.0.0 on alice.localhost");
        assertThat(installed.sources).containsExactly("alice.localhost webapp notes file:///srv/notes%201.tgz");
        assertThat(logged()).contains("Console: webapp 'notes' 1.0.0 installed on instance 'alice.localhost'");

        assertThat(actions.perform("install", "alice.localhost", "konnector", "bank", "/srv/bank.zip"))
                .isEqualTo("Installed bank 1.0.0 on alice.localhost");
        assertThat(installed.find("alice.localhost", AppType.KONNECTOR, "bank")).isPresent();
    }

    @Test
    void onlyAnAbsolutePathAndAKnownTypeAreTaken() {
        assertThat(actions.perform("install", "alice.localhost", "webapp", "notes", "notes.tgz"))
                .isEqualTo("Failed: give the absolute path of an archive on the server");
        assertThat(actions.perform("install", "alice.localhost", "webapp", "notes", null))
                .isEqualTo("Failed: give the absolute path of an archive on the server");
        assertThat(actions.perform("install", "alice.localhost", "plugin", "notes", "/srv/notes.tgz"))
                .isEqualTo("Unknown app type");
        assertThat(actions.perform("rename", "alice.localhost", "webapp", "notes", null))
                .isEqualTo("Unknown action");
        assertThat(installed.sources).isEmpty();
    }

    @Test
    void aRemovalAndTheInstallersRefusalsAreReportedAndLogged() {
        actions.perform("install", "bob.localhost", "webapp", "notes", "/srv/notes.tgz");
        assertThat(actions.perform("install", "bob.localhost", "webapp", "notes", "/srv/notes.tgz"))
                .isEqualTo("Failed: Application with same slug already exists");

        assertThat(actions.perform("remove", "bob.localhost", "webapp", "notes", null))
                .isEqualTo("Removed notes from bob.localhost");
        assertThat(installed.find("bob.localhost", AppType.WEBAPP, "notes")).isEmpty();
        assertThat(actions.perform("remove", "bob.localhost", "webapp", "notes", null))
                .isEqualTo("Failed: Application is not installed");
        assertThat(logged())
                .contains(
                        "Console: webapp 'notes' removed from instance 'bob.localhost'",
                        "Console: remove of app 'notes' on instance 'bob.localhost' failed: Application is not"
                                + " installed");
    }

    /** Installations kept in memory, refusing as the installer does. */
    private static final class Installed implements AppInstallations {
        final List<String> sources = new ArrayList<>();
        private final Map<String, Installation> apps = new TreeMap<>();

        @Override
        public Optional<Installation> find(String domain, AppType type, String slug) {
            return Optional.ofNullable(apps.get(domain + " " + type.value() + " " + slug));
        }

        @Override
        public List<Installation> list(String domain, AppType type) {
            return apps.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(domain + " " + type.value() + " "))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        @Override
        public Installation install(String domain, AppType type, String slug, String source) {
            String key = domain + " " + type.value() + " " + slug;
            if (apps.containsKey(key)) {
                throw ApiException.conflict("Application with same slug already exists");
            }
            sources.add(key + " " + source);
            ObjectNode doc = JsonNodeFactory.instance.objectNode().put("slug", slug);
            Installation installation = new Installation(slug, type, InstallState.READY, "1.0.0", doc);
            apps.put(key, installation);
            return installation;
        }

        @Override
        public Installation update(
                String domain, AppType type, String slug, @Nullable String source, boolean permissionsAcked) {
            throw new UnsupportedOperationException("updates nothing");
        }

        @Override
        public Installation uninstall(String domain, AppType type, String slug) {
            Installation removed = apps.remove(domain + " " + type.value() + " " + slug);
            if (removed == null) {
                throw ApiException.notFound("Application is not installed");
            }
            return removed;
        }
    }
}

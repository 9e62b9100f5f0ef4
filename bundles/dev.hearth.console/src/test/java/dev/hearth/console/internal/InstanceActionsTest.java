package dev.hearth.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.test.TestInstances;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The console shows a new instance's onboarding token to the admin, and never logs it. */
class InstanceActionsTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @TempDir
    Path data;

    private InstanceServiceImpl instances;
    private InstanceActions actions;

    @BeforeEach
    void open() throws Exception {
        lines.start();
        root.addAppender(lines);
        instances = TestInstances.in(data);
        actions = new InstanceActions(instances);
    }

    @AfterEach
    void release() {
        root.detachAppender(lines);
    }

    private List<String> logged() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aCreationShowsTheTokenToTheAdminButLogsOnlyTheAction() {
        String message = actions.perform("create", "alice.localhost", "fr", " ");

        String token = instances.get("alice.localhost").registerToken();
        assertThat(token).isNotBlank();
        assertThat(message).isEqualTo("Created alice.localhost; onboarding token " + token);
        assertThat(instances.get("alice.localhost").locale()).isEqualTo("fr");
        assertThat(instances.get("alice.localhost").email())
                .as("a blank field is no value")
                .isNull();
        assertThat(logged())
                .contains("Console: instance 'alice.localhost' created")
                .noneSatisfy(line -> assertThat(line).contains(token));
    }

    @Test
    void aDeletionAndFailuresAreReportedAndLogged() {
        actions.perform("create", "bob.localhost", null, null);
        assertThat(actions.perform("delete", "bob.localhost", null, null)).isEqualTo("Deleted bob.localhost");
        assertThat(instances.find("bob.localhost")).isEmpty();

        assertThat(actions.perform("delete", "bob.localhost", null, null)).isEqualTo("Failed: Instance not found");
        assertThat(actions.perform("create", null, null, null))
                .isEqualTo("Failed: Domain name contains illegal characters");
        assertThat(actions.perform("rename", "x", null, null)).isEqualTo("Unknown action");
        assertThat(logged())
                .contains(
                        "Console: instance 'bob.localhost' deleted",
                        "Console: delete of instance 'bob.localhost' failed: Instance not found");
    }
}

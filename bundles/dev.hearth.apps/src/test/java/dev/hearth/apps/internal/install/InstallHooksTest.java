package dev.hearth.apps.internal.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallationListener;
import dev.hearth.common.error.ApiException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallHooksTest {
    private static final String DOMAIN = "alice.example";
    private static final AppManifest V1 = manifest("1.0.0");
    private static final AppManifest V2 = manifest("2.0.0");

    private final InstallHooks hooks = new InstallHooks();
    private final Recorder first = new Recorder(null);

    @Test
    void everyListenerIsToldOfAnInstallAnUpdateAndAnUninstall() {
        Recorder second = new Recorder(null);
        hooks.add(first);
        hooks.add(second);

        hooks.installed(DOMAIN, AppType.WEBAPP, "notes", V1);
        hooks.updated(DOMAIN, AppType.WEBAPP, "notes", V2, V1);
        hooks.uninstalled(DOMAIN, AppType.WEBAPP, "notes", V2);

        List<String> expected = List.of("installed notes 1.0.0", "updated notes 2.0.0", "uninstalled notes");
        assertThat(first.calls).isEqualTo(expected);
        assertThat(second.calls).isEqualTo(expected);
    }

    @Test
    void aRefusedInstallIsUndoneOnEveryListenerAndSaysWhy() {
        Recorder refusing = new Recorder("installed");
        hooks.add(first);
        hooks.add(refusing);

        assertThatThrownBy(() -> hooks.installed(DOMAIN, AppType.WEBAPP, "notes", V1))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("refused by the listener");

        assertThat(first.calls).containsExactly("installed notes 1.0.0", "uninstalled notes");
        assertThat(refusing.calls).containsExactly("installed notes 1.0.0", "uninstalled notes");
    }

    @Test
    void aRefusedUpdateOrUninstallPutsTheListenersBackToTheVersionLeftInPlace() {
        Recorder refusing = new Recorder("updated");
        hooks.add(first);
        hooks.add(refusing);

        assertThatThrownBy(() -> hooks.updated(DOMAIN, AppType.WEBAPP, "notes", V2, V1))
                .isInstanceOf(ApiException.class);
        assertThat(first.calls).containsExactly("updated notes 2.0.0", "updated notes 1.0.0");

        hooks.remove(refusing);
        Recorder refusingUninstall = new Recorder("uninstalled");
        hooks.add(refusingUninstall);
        first.calls.clear();
        assertThatThrownBy(() -> hooks.uninstalled(DOMAIN, AppType.WEBAPP, "notes", V1))
                .isInstanceOf(ApiException.class);
        assertThat(first.calls).containsExactly("uninstalled notes", "updated notes 1.0.0");
    }

    @Test
    void aRemovedListenerIsNoLongerTold() {
        hooks.add(first);
        hooks.remove(first);

        hooks.installed(DOMAIN, AppType.KONNECTOR, "bank", V1);

        assertThat(first.calls).isEmpty();
    }

    private static AppManifest manifest(String version) {
        return (AppManifest) Proxy.newProxyInstance(
                InstallHooksTest.class.getClassLoader(), new Class<?>[] {AppManifest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("version")) {
                        return version;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Records what it is told; refuses the first call of one kind, once, as a listener would. */
    private static final class Recorder implements InstallationListener {
        final List<String> calls = new ArrayList<>();
        private String refuses;

        Recorder(String refuses) {
            this.refuses = refuses;
        }

        @Override
        public void installed(String domain, AppType type, String slug, AppManifest manifest) {
            record("installed", slug + " " + manifest.version());
        }

        @Override
        public void updated(String domain, AppType type, String slug, AppManifest manifest) {
            record("updated", slug + " " + manifest.version());
        }

        @Override
        public void uninstalled(String domain, AppType type, String slug) {
            record("uninstalled", slug);
        }

        private void record(String kind, String what) {
            calls.add(kind + " " + what);
            if (kind.equals(refuses)) {
                refuses = null;
                throw ApiException.badRequest(kind + " " + what + " refused by the listener");
            }
        }
    }
}

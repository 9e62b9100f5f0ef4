package dev.hearth.js;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run: its modules and main module, {@code process.env}, budgets, the domains {@code fetch}
 * may reach (a domain allows its subdomains too), the instance's own URL (always reachable, even
 * on a loopback or private address) and where it is served ({@code instanceAddress}, the server's
 * own listening address; when null its host name is resolved), the host that receives output and
 * calls, and a name for logs.
 */
public record RunSpec(
        String name,
        ModuleSource modules,
        String main,
        Map<String, String> env,
        Budgets budgets,
        Set<String> allowedDomains,
        @Nullable URI instanceUrl,
        @Nullable InetSocketAddress instanceAddress,
        RunHost host) {

    public RunSpec {
        if (main.isBlank()) {
            throw new IllegalArgumentException("A run needs a main module");
        }
        env = Map.copyOf(env);
        allowedDomains = Set.copyOf(allowedDomains);
    }

    public static Builder builder(String name, ModuleSource modules) {
        return new Builder(name, modules);
    }

    /** A run of a single script, as module {@code main.js}. */
    public static Builder script(String name, String source) {
        return new Builder(name, ModuleSource.of(Map.of("main.js", source))).main("main.js");
    }

    public static final class Builder {
        private final String name;
        private final ModuleSource modules;
        private String main = "index.js";
        private final Map<String, String> env = new LinkedHashMap<>();
        private Budgets budgets = Budgets.DEFAULTS;
        private Set<String> allowedDomains = Set.of();
        private @Nullable URI instanceUrl;
        private @Nullable InetSocketAddress instanceAddress;
        private RunHost host = RunHost.NONE;

        private Builder(String name, ModuleSource modules) {
            this.name = name;
            this.modules = modules;
        }

        public Builder main(String path) {
            this.main = path;
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder budgets(Budgets value) {
            this.budgets = value;
            return this;
        }

        public Builder allowedDomains(Set<String> value) {
            this.allowedDomains = value;
            return this;
        }

        /** The instance's URL and the address that serves it (null: resolve its host name). */
        public Builder instance(URI url, @Nullable InetSocketAddress address) {
            this.instanceUrl = url;
            this.instanceAddress = address;
            return this;
        }

        public Builder host(RunHost value) {
            this.host = value;
            return this;
        }

        public RunSpec build() {
            return new RunSpec(name, modules, main, env, budgets, allowedDomains, instanceUrl, instanceAddress, host);
        }
    }
}

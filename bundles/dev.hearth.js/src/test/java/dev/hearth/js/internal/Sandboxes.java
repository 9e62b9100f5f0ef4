package dev.hearth.js.internal;

import dev.hearth.js.Budgets;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One sandbox for all tests (one engine, as in the server), with test host names. */
final class Sandboxes {
    /** Host names the tests resolve: everything else does not exist. */
    static final Map<String, InetAddress[]> DNS = new ConcurrentHashMap<>();

    static final JsSandboxImpl SANDBOX = new JsSandboxImpl(config(2), Sandboxes::resolve);

    private Sandboxes() {}

    static JsSandboxImpl.Config config(int threads, String... trusted) {
        return config(threads, 2, trusted);
    }

    static JsSandboxImpl.Config config(int threads, int prepared, String... trusted) {
        return new JsSandboxImpl.Config() {
            @Override
            public String[] trustedAddresses() {
                return trusted.clone();
            }

            @Override
            public int preparedContexts() {
                return prepared;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return JsSandboxImpl.Config.class;
            }

            @Override
            public int maxConcurrentRuns() {
                return threads;
            }

            @Override
            public int stackKilobytes() {
                return 4096;
            }

            @Override
            public int watchdogMillis() {
                return 5;
            }
        };
    }

    static InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] a = DNS.get(host);
        if (a != null) {
            return a;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }

    /** A host that records everything. */
    static class Recorder implements RunHost {
        final List<OutputEvent> events = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void event(OutputEvent event) {
            events.add(event);
        }

        @Override
        public void log(String stream, String line) {
            lines.add(stream + ": " + line);
        }

        String stdout() {
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                if (l.startsWith("stdout: ")) {
                    b.append(l.substring(8)).append('\n');
                }
            }
            return b.toString();
        }
    }

    static RunResult run(String script) {
        return run(script, Budgets.DEFAULTS, new Recorder());
    }

    static RunResult run(String script, Budgets budgets, RunHost host) {
        return SANDBOX.run(
                RunSpec.script("test", script).budgets(budgets).host(host).build());
    }

    /** Runs the script and answers what it printed on stdout. */
    static String print(String script) {
        Recorder r = new Recorder();
        RunResult result = run(script, Budgets.DEFAULTS, r);
        if (!result.completed()) {
            throw new AssertionError("run " + result.outcome() + ": " + result.error() + "\n" + r.lines);
        }
        return r.stdout();
    }
}

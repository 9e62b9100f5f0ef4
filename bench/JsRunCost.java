import dev.hearth.js.Budgets;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import dev.hearth.js.internal.JsSandboxImpl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Engine;

/**
 * Cost of sandbox runs, outside OSGi but with the distribution's jars: the first run (engine
 * creation and platform parsing included), warm runs of a trivial script and of a small JSON
 * workload, then the same two files run by the sandbox and by node, alternately: the time from
 * launching a run to its first statement, and a CPU-bound workload. Run through bench/js-runs.sh.
 */
public class JsRunCost {
    private static final JsSandboxImpl SANDBOX = new JsSandboxImpl(new JsSandboxImpl.Config() {
        public Class<? extends Annotation> annotationType() { return JsSandboxImpl.Config.class; }
        public int maxConcurrentRuns() { return 1; }
        public int stackKilobytes() { return 4096; }
        public int watchdogMillis() { return 10; }
        public String[] trustedAddresses() { return new String[0]; }
        public int preparedContexts() { return Integer.getInteger("hearth.js.preparedContexts", 2); }
    });

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path scripts = Path.of(args.length > 2 ? args[2] : "bench/js");
        try (Engine e = Engine.create("js")) {
            System.out.println("Graal runtime: " + e.getImplementationName());
        }
        String trivial = "1 + 1";
        String json = "const a = []; for (let i = 0; i < 100; i++) a.push({ id: 'doc' + i, n: i, tags: ['x', 'y'] });"
                + "const s = JSON.stringify(a); if (JSON.parse(s).length !== 100) throw new Error('bad')";
        long t = System.nanoTime();
        check(SANDBOX.run(RunSpec.script("cold", trivial).build()));
        System.out.printf("first run (engine + platform): %.1f ms%n", (System.nanoTime() - t) / 1e6);
        for (String[] w : new String[][] {{"trivial", trivial}, {"100 objects to JSON and back", json}}) {
            double[] ms = new double[warm];
            for (int i = 0; i < warm; i++) {
                long s = System.nanoTime();
                check(SANDBOX.run(RunSpec.script("warm", w[1]).budgets(Budgets.DEFAULTS).build()));
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf("%s: %s over %d runs%n", w[0], stats(ms), warm);
        }
        if (pairs > 0) {
            againstNode(scripts, pairs);
        }
        System.exit(0);
    }

    /** The same files run by the sandbox and by node, alternately, {@code pairs} times each. */
    private static void againstNode(Path scripts, int pairs) throws Exception {
        String first = Files.readString(scripts.resolve("first.js"));
        String cpu = Files.readString(scripts.resolve("cpu.js"));
        double[][] toFirst = new double[2][pairs];
        double[][] work = new double[2][pairs];
        for (int i = 0; i < pairs; i++) {
            toFirst[0][i] = sandboxToFirstEvent(first);
            toFirst[1][i] = nodeToFirstLine(scripts.resolve("first.js"));
            work[0][i] = Double.parseDouble(sandboxMessage(cpu));
            work[1][i] = Double.parseDouble(nodeMessage(scripts.resolve("cpu.js")));
        }
        System.out.printf("launch to first statement: sandbox %s; node %s; node/sandbox %.1fx%n",
                stats(toFirst[0]), stats(toFirst[1]), median(toFirst[1]) / median(toFirst[0]));
        System.out.printf("cpu.js work (its own clock): sandbox %s; node %s; sandbox speed %.2fx node's%n",
                stats(work[0]), stats(work[1]), median(work[1]) / median(work[0]));
    }

    private static double sandboxToFirstEvent(String script) {
        AtomicLong at = new AtomicLong();
        long start = System.nanoTime();
        RunHost host = new RunHost() {
            @Override
            public void event(OutputEvent event) {
                at.compareAndSet(0, System.nanoTime());
            }
        };
        check(SANDBOX.run(RunSpec.script("first", script).host(host).build()));
        return (at.get() - start) / 1e6;
    }

    private static String sandboxMessage(String script) {
        AtomicReference<String> message = new AtomicReference<>();
        RunHost host = new RunHost() {
            @Override
            public void event(OutputEvent event) {
                message.set(event.message());
            }
        };
        check(SANDBOX.run(RunSpec.script("cpu", script).budgets(Budgets.DEFAULTS).host(host).build()));
        return message.get();
    }

    private static double nodeToFirstLine(Path script) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            double ms = (System.nanoTime() - start) / 1e6;
            p.waitFor();
            return ms;
        }
    }

    private static String nodeMessage(Path script) throws Exception {
        Process p = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        int at = line.indexOf("\"message\":\"") + 11;
        return line.substring(at, line.indexOf('"', at));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String stats(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format("median %.2f ms, p90 %.2f ms, min %.2f ms",
                v[v.length / 2], v[(int) (v.length * 0.9)], v[0]);
    }

    private static void check(RunResult r) {
        if (!r.completed()) {
            throw new IllegalStateException(r.outcome() + ": " + r.error());
        }
    }
}

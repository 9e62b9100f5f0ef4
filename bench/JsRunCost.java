import dev.hearth.js.Budgets;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import dev.hearth.js.internal.JsSandboxImpl;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Cost of sandbox runs, outside OSGi but with the distribution's jars: the first run (engine
 * creation and platform parsing included), then warm runs of a trivial script and of a small
 * JSON workload. Run through bench/js-runs.sh.
 */
public class JsRunCost {
    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        JsSandboxImpl sandbox = new JsSandboxImpl(new JsSandboxImpl.Config() {
            public Class<? extends Annotation> annotationType() { return JsSandboxImpl.Config.class; }
            public int maxConcurrentRuns() { return 1; }
            public int stackKilobytes() { return 4096; }
            public int watchdogMillis() { return 10; }
        });
        String trivial = "1 + 1";
        String json = "const a = []; for (let i = 0; i < 100; i++) a.push({ id: 'doc' + i, n: i, tags: ['x', 'y'] });"
                + "const s = JSON.stringify(a); if (JSON.parse(s).length !== 100) throw new Error('bad')";
        long t = System.nanoTime();
        check(sandbox.run(RunSpec.script("cold", trivial).build()));
        System.out.printf("first run (engine + platform): %.1f ms%n", (System.nanoTime() - t) / 1e6);
        for (String[] w : new String[][] {{"trivial", trivial}, {"100 objects to JSON and back", json}}) {
            double[] ms = new double[warm];
            for (int i = 0; i < warm; i++) {
                long s = System.nanoTime();
                check(sandbox.run(RunSpec.script("warm", w[1]).budgets(Budgets.DEFAULTS).build()));
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%s: median %.2f ms, p90 %.2f ms, min %.2f ms over %d runs%n",
                    w[0], ms[warm / 2], ms[(int) (warm * 0.9)], ms[0], warm);
        }
        System.exit(0);
    }

    private static void check(RunResult r) {
        if (!r.completed()) {
            throw new IllegalStateException(r.outcome() + ": " + r.error());
        }
    }
}

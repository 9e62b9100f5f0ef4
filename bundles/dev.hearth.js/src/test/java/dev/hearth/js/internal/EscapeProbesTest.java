package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.js.Budget;
import dev.hearth.js.Budgets;
import dev.hearth.js.RunHost;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunResult.Outcome;
import dev.hearth.js.RunSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile scripts: each must stay inside, end the way it should (the error it gets or the budget
 * that stops it), and leave the sandbox able to run the next script.
 */
class EscapeProbesTest {
    /**
     * Small budgets; the wall clock leaves room for the CPU budget on a loaded machine, except for
     * the scripts that only the wall clock can stop.
     */
    static final Budgets SMALL = Budgets.DEFAULTS
            .withWallClock(Duration.ofSeconds(20))
            .withCpuTime(Duration.ofMillis(1000))
            .withAllocatedBytes(64L << 20)
            .withStatements(5_000_000)
            .withOutputBytes(64 * 1024)
            .withRequests(5)
            .withTimers(100)
            .withHostCallTimeout(Duration.ofMillis(500));

    /** A host whose calls echo, or never return. */
    static final RunHost HOST = new RunHost() {
        @Override
        public String call(String name, String json) throws Exception {
            if (name.equals("hang")) {
                new java.util.concurrent.CountDownLatch(1).await();
            }
            return json;
        }
    };

    @BeforeAll
    static void dns() throws Exception {
        Sandboxes.DNS.put("rebind.example", new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        Sandboxes.DNS.put(
                "mixed.example",
                new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")});
        Sandboxes.DNS.put("meta.example", new InetAddress[] {InetAddress.getByName("169.254.169.254")});
        Sandboxes.DNS.put("v6local.example", new InetAddress[] {InetAddress.getByName("fd00::1")});
        // The first runs build the platform in a cold interpreter: none of the probes' CPU budgets is for them.
        for (int i = 0; i < 3; i++) {
            Sandboxes.print("console.log(1)");
        }
    }

    static Stream<Arguments> probes() {
        return Stream.of(
                failed("Java.type", "Java.type('java.lang.System').exit(1)", "Java is not defined"),
                failed("Java through globalThis", "globalThis['Ja' + 'va'].type('java.lang.Runtime')", "TypeError"),
                failed("Packages", "Packages.java.lang.Runtime.getRuntime().exec('id')", "Packages is not defined"),
                failed("java package global", "java.lang.System.exit(1)", "java is not defined"),
                failed("Polyglot.eval", "Polyglot.eval('js', '1')", "Polyglot is not defined"),
                failed("Polyglot.import", "Polyglot.import('x')", "Polyglot is not defined"),
                failed("load", "load('/etc/passwd')", "load is not defined"),
                failed("indirect eval of Java", "(0, eval)('Java.type(\"java.io.File\")')", "Java is not defined"),
                failed("Graal builtin", "Graal.setUnhandledPromiseRejectionHandler(() => {})", "Graal is not defined"),
                failed("require fs", "require('fs').readFileSync('/etc/passwd')", "Cannot find module 'fs'"),
                failed(
                        "require child_process",
                        "require('child_process').execSync('id')",
                        "Cannot find module 'child_process'"),
                failed("require net", "require('net').connect(22, '127.0.0.1')", "Cannot find module 'net'"),
                failed("require node:fs", "require('node:fs')", "Cannot find module 'node:fs'"),
                failed("require an absolute path", "require('/etc/passwd')", "Cannot find module '/etc/passwd'"),
                failed("require out of the module map", "require('../../../../etc/passwd')", "Cannot find module"),
                failed("process.binding", "process.binding('fs')", "TypeError"),
                completed("no global is a host object", """
                        for (const k of Object.getOwnPropertyNames(globalThis)) {
                          const v = globalThis[k];
                          if (v && (typeof v.getClass === 'function' || typeof v.class === 'object')) throw new Error('host object ' + k);
                        }"""),
                completed("caller chains end at the platform", """
                        setTimeout(function cb() { if (cb.caller !== null && cb.caller !== undefined) throw new Error('caller leaked'); }, 0);"""),
                completed("stack frames expose no platform function or receiver", """
                        Error.prepareStackTrace = (e, frames) => frames.map(f => typeof f.getFunction === 'function' ? [f.getThis(), f.getFunction()] : []);
                        setTimeout(() => {
                          const s = new Error().stack;
                          const leaked = Array.isArray(s) ? s.flat().filter(x => x !== undefined && x !== globalThis) : [];
                          if (leaked.length > 1) throw new Error('leaked ' + leaked.length);
                        }, 0);"""),
                failed("constructor chains reach only JavaScript", """
                        const g = fetch.constructor.constructor('return this')();
                        g.Java.type('java.lang.System')""", "TypeError"),
                failed("prototype pollution does not open the allow-list", """
                        Object.prototype.allowed = true; Array.prototype.includes = () => true; String.prototype.endsWith = () => true;
                        JSON.stringify = () => '[]';
                        fetch('http://169.254.169.254/latest/meta-data/').then(() => console.log('reached'))""", "non-public address"),
                failed(
                        "fetch loopback",
                        "fetch('http://127.0.0.1:9/').then(() => console.log('reached'))",
                        "non-public address (127.0.0.1)"),
                failed(
                        "fetch cloud metadata",
                        "fetch('http://169.254.169.254/latest/').then(() => console.log('reached'))",
                        "non-public address"),
                failed(
                        "fetch a private range",
                        "fetch('http://10.1.2.3/').then(() => console.log('reached'))",
                        "non-public address"),
                failed(
                        "fetch IPv6 loopback",
                        "fetch('http://[::1]:9/').then(() => console.log('reached'))",
                        "non-public address"),
                failed(
                        "fetch 0.0.0.0",
                        "fetch('http://0.0.0.0:9/').then(() => console.log('reached'))",
                        "non-public address"),
                failed(
                        "DNS answer is loopback",
                        "fetch('http://rebind.example/').then(() => console.log('reached'))",
                        "rebind.example resolves to a non-public address"),
                failed(
                        "DNS answer is metadata",
                        "fetch('https://meta.example/').then(() => console.log('reached'))",
                        "non-public address (169.254.169.254)"),
                failed(
                        "one private address in the DNS answer",
                        "fetch('http://mixed.example/').then(() => console.log('reached'))",
                        "non-public address (10.0.0.7)"),
                failed(
                        "DNS answer is IPv6 unique local",
                        "fetch('http://v6local.example/').then(() => console.log('reached'))",
                        "non-public address"),
                failed(
                        "domain not allowed",
                        "fetch('https://evil.example/').then(() => console.log('reached'))",
                        "evil.example is not in the allowed domains"),
                failed(
                        "file URL",
                        "fetch('file:///etc/passwd').then(() => console.log('reached'))",
                        "only http and https"),
                failed(
                        "credentials in the URL",
                        "fetch('http://user:pw@rebind.example/').then(() => console.log('reached'))",
                        "credentials"),
                budget("infinite loop", "while (true) {}", Budget.STATEMENTS),
                budget("infinite loop in a timer", "setTimeout(() => { for (;;) {} }, 0)", Budget.STATEMENTS),
                failed("deep recursion", "function f() { return f() + 1 } f()", "Maximum call stack size exceeded"),
                budget(
                        "recursion that catches its stack overflow",
                        "function f() { try { f() } catch (e) { f() } } f()",
                        null),
                budget(
                        "memory bomb: arrays",
                        "const keep = []; for (;;) keep.push(new Array(100000).fill(1.5))",
                        Budget.ALLOCATED_BYTES),
                budget(
                        "memory bomb: strings",
                        "let s = 'x'.repeat(1 << 20); for (;;) { s = s.repeat(2); s.charCodeAt(s.length - 1) }",
                        Budget.ALLOCATED_BYTES),
                // The backtracking of a backreference allocates: CPU or allocation, whichever runs out first.
                budget("regex backtracking", "/^(a+)+\\1b$/.test('a'.repeat(40))", null),
                budget("output flood", "for (;;) console.log('x'.repeat(1000))", Budget.OUTPUT_BYTES),
                budget(
                        "output flood caught",
                        "for (;;) { try { process.stdout.write('y'.repeat(4096)) } catch (e) {} }",
                        Budget.OUTPUT_BYTES),
                budget("timer flood", "for (;;) setTimeout(() => {}, 100000)", Budget.TIMERS),
                budget("promise flood", "function f() { return Promise.resolve().then(f) } f()", null),
                budget("an interval forever", "setInterval(() => {}, 50)", Budget.WALL_CLOCK),
                failed(
                        "Atomics.wait on the run's thread",
                        "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)",
                        "Unsupported operation"),
                budget("a host call that never returns", "hearth.call('hang', {})", Budget.HOST_CALL_TIME),
                failed(
                        "huge JSON to a host call",
                        "hearth.call('echo', 'x'.repeat(9 << 20))",
                        "host call argument larger than"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void staysInside(String name, String script, Outcome outcome, Budget budget, String error) {
        boolean waits = budget == Budget.WALL_CLOCK || budget == Budget.HOST_CALL_TIME;
        RunResult r = Sandboxes.SANDBOX.run(RunSpec.script(name, script)
                .budgets(waits ? SMALL.withWallClock(Duration.ofSeconds(2)) : SMALL)
                .allowedDomains(Set.of(
                        "127.0.0.1",
                        "169.254.169.254",
                        "10.1.2.3",
                        "0.0.0.0",
                        "::1",
                        "[::1]",
                        "rebind.example",
                        "meta.example",
                        "mixed.example",
                        "v6local.example",
                        "user.example"))
                .host(HOST)
                .build());
        assertThat(r.outcome()).as(r.error()).isEqualTo(outcome);
        if (budget != null) {
            assertThat(r.budget()).as(r.error()).isEqualTo(budget);
        } else if (outcome == Outcome.BUDGET_EXCEEDED) {
            assertThat(r.budget()).as(r.error()).isIn(Budget.CPU_TIME, Budget.ALLOCATED_BYTES);
        }
        if (error != null) {
            assertThat(r.error()).contains(error);
        }
        assertThat(r.usage().requests()).as("requests that went out").isZero();
        assertThat(Sandboxes.print("console.log(1 + 1)"))
                .as("the sandbox still runs scripts")
                .isEqualTo("2\n");
    }

    private static Arguments failed(String name, String script, String error) {
        return Arguments.of(name, script, Outcome.FAILED, null, error);
    }

    private static Arguments completed(String name, String script) {
        return Arguments.of(name, script, Outcome.COMPLETED, null, null);
    }

    private static Arguments budget(String name, String script, Budget budget) {
        return Arguments.of(name, script, Outcome.BUDGET_EXCEEDED, budget, null);
    }
}

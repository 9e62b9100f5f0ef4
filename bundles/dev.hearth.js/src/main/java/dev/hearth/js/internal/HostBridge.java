package dev.hearth.js.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.js.Budget;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.RunResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.jspecify.annotations.Nullable;

/**
 * The functions the platform script receives as {@code host}: the only way out of a run. Every
 * argument is checked here, as if the script had called it directly. The platform is installed
 * before its run is known, so a bridge starts unbound and is bound to exactly one run; until
 * then every function fails.
 */
final class HostBridge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RANDOM = 65_536;
    private static final int MAX_CALL_ARGUMENT = 8 << 20;
    private static final String WRAP_HEAD = "(function (exports, require, module, __filename, __dirname) {";

    private volatile @Nullable Run boundRun;
    private volatile @Nullable Fetcher boundFetcher;
    private final Map<String, Object> functions = new HashMap<>();

    HostBridge() {
        fn("write", a -> write(a[0].asBoolean(), a[1].asString()));
        fn("setTimer", a -> timer(a[0], a[1].asDouble(), a[2].asBoolean()));
        fn("clearTimer", a -> {
            run().loop().cancel(a[0].asInt());
            return null;
        });
        fn("unrefTimer", a -> {
            run().loop().unref(a[0].asInt(), a[1].asBoolean());
            return null;
        });
        fn("fetch", a -> fetch(a));
        fn("body", a -> fetcher().body(a[0].asInt(), a[1].asBoolean(), a[2].isNull() ? null : a[2].asString()));
        fn("release", a -> {
            fetcher().release(a[0].asInt());
            return null;
        });
        fn("random", a -> random(a[0].asInt()));
        fn("digest", a -> digest(a[0].asString(), a[1].asString()));
        fn("parseUrl", a -> Urls.parse(a[0].asString(), a[1].isNull() ? null : a[1].asString()));
        fn("readModule", a -> run().spec().modules().read(a[0].asString()));
        fn("compile", a -> compile(a[0].asString(), a[1].asString()));
        fn("call", a -> call(a[0].asString(), a[1].isNull() ? null : a[1].asString()));
        fn("exit", a -> exit(a[0].asInt()));
        fn("uncaught", a -> {
            run().stopFromInside(null, "uncaught " + a[0].asString(), Outcome.FAILED, 1);
            return null;
        });
    }

    /** Binds this bridge to its run, once. */
    void bind(Run run, Fetcher fetcher) {
        synchronized (functions) {
            if (boundRun != null) {
                throw new IllegalStateException("A host bridge serves one run only");
            }
            boundFetcher = fetcher;
            boundRun = run;
        }
    }

    private Run run() {
        Run r = boundRun;
        if (r == null) {
            throw new IllegalStateException("No run is bound to this context yet");
        }
        return r;
    }

    private Fetcher fetcher() {
        run();
        return java.util.Objects.requireNonNull(boundFetcher);
    }

    private void fn(String name, ProxyExecutable f) {
        functions.put(name, f);
    }

    ProxyObject proxy() {
        return ProxyObject.fromMap(java.util.Collections.unmodifiableMap(functions));
    }

    String envJson() {
        return JSON.valueToTree(run().spec().env()).toString();
    }

    private Object write(boolean stderr, String text) {
        Run run = run();
        if (!run.meter().chargeOutput(Output.size(text))) {
            run.stopFromInside(
                    Budget.OUTPUT_BYTES,
                    "output budget of " + run.meter().budgets.outputBytes() + " bytes exceeded",
                    null,
                    0);
        }
        run.output().write(stderr, text);
        return null;
    }

    private Object timer(Value callback, double delay, boolean repeat) {
        Run run = run();
        if (!callback.canExecute()) {
            return -1;
        }
        if (run.loop().pending() >= run.meter().budgets.timers()) {
            run.stopFromInside(
                    Budget.TIMERS,
                    "timer budget of " + run.meter().budgets.timers() + " pending timers exceeded",
                    null,
                    0);
        }
        return run.loop().add(callback, delay, repeat);
    }

    private Object fetch(Value[] a) {
        Run run = run();
        List<String[]> headers = new ArrayList<>();
        try {
            for (JsonNode kv : JSON.readTree(a[2].asString())) {
                headers.add(new String[] {kv.get(0).asText(), kv.get(1).asText()});
            }
        } catch (Exception e) {
            return "{\"error\":\"bad headers\"}";
        }
        byte[] body = a[3].isNull() ? new byte[0] : a[3].asString().getBytes(StandardCharsets.ISO_8859_1);
        try {
            return fetcher().fetch(a[0].asString(), a[1].asString(), headers, body, a[4].asString());
        } catch (Fetcher.OverBudget e) {
            run.stopFromInside(e.budget, e.getMessage(), null, 0);
            return null;
        }
    }

    private static String random(int n) {
        byte[] b = new byte[Math.max(0, Math.min(n, MAX_RANDOM))];
        RANDOM.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static Object digest(String algorithm, String data) {
        String name = switch (algorithm.toUpperCase(java.util.Locale.ROOT)) {
            case "SHA-1" -> "SHA-1";
            case "SHA-256" -> "SHA-256";
            case "SHA-384" -> "SHA-384";
            case "SHA-512" -> "SHA-512";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        try {
            byte[] d = MessageDigest.getInstance(name).digest(data.getBytes(StandardCharsets.ISO_8859_1));
            return new String(d, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    private Object compile(String path, String text) {
        Run run = run();
        return run.context().eval(Run.source(path, WRAP_HEAD + text + "\n})"));
    }

    private Object call(String name, String argumentJson) {
        Run run = run();
        if (argumentJson != null && argumentJson.length() > MAX_CALL_ARGUMENT) {
            return "{\"__hearthError\":\"host call argument larger than " + MAX_CALL_ARGUMENT + " characters\"}";
        }
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<String> f =
                pool.submit(() -> run.spec().host().call(name, argumentJson == null ? "null" : argumentJson));
        long timeout = run.meter().budgets.hostCallTimeout().toMillis();
        try {
            return f.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            run.stopFromInside(
                    Budget.HOST_CALL_TIME, "host call " + name + " did not return within " + timeout + " ms", null, 0);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BudgetExceededException b) {
                run.stopFromInside(b.budget(), b.getMessage(), null, 0);
            }
            return "{\"__hearthError\":"
                    + JSON.valueToTree(String.valueOf(e.getCause().getMessage())) + "}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        } finally {
            pool.shutdown();
        }
    }

    private Object exit(int code) {
        Run run = run();
        run.stopFromInside(null, "exit code " + code, code == 0 ? Outcome.COMPLETED : Outcome.FAILED, code);
        return null;
    }
}

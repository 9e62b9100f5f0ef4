package dev.hearth.itests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * What a fuzzing run did and found: requests sent per route family, and failures grouped by
 * (route, problem, mutation) with the first example of each, which is enough to reproduce it:
 * the seed, the case, and the raw request.
 */
final class FuzzReport {
    /** One group of failures and its first example. */
    record Failure(String route, String problem, String mutation, String example, AtomicInteger count) {
        String key() {
            return route + " | " + problem + " | " + mutation;
        }
    }

    private final long seed;
    private final Map<String, AtomicInteger> sent = new TreeMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    FuzzReport(long seed) {
        this.seed = seed;
    }

    synchronized void sent(String family) {
        sent.computeIfAbsent(family, f -> new AtomicInteger()).incrementAndGet();
    }

    /** Records a failure of an HTTP exchange; {@code caseId} says which case of the seed it was. */
    void fail(FuzzRequest request, RawResponse response, String problem, String caseId) {
        fail(
                request.label(),
                problem,
                group(request.mutation()),
                "case " + caseId + ", mutation "
                        + request.mutation() + "\n    request:\n    " + request.describe() + "\n    response: "
                        + response.excerpt());
    }

    /**
     * The mutation as failures are grouped by: its family ({@code query}, {@code framing},
     * {@code host}...), whose variants fail for one cause; but the kind of a body mutation, since
     * a huge number and a deep nesting break different code.
     */
    static String group(String mutation) {
        if (mutation.startsWith("body:") || mutation.startsWith("form:")) {
            return mutation;
        }
        int colon = mutation.indexOf(':');
        return colon < 0 ? mutation : mutation.substring(0, colon);
    }

    /** Records a failure of any kind, with a free-form example. */
    synchronized void fail(String route, String problem, String mutation, String example) {
        Failure f = new Failure(route, problem, mutation, example, new AtomicInteger());
        Failure known = failures.putIfAbsent(f.key(), f);
        if (known == null) {
            order.add(f.key());
            known = f;
        }
        known.count().incrementAndGet();
    }

    synchronized List<Failure> failures() {
        return order.stream().map(failures::get).toList();
    }

    synchronized int total() {
        return sent.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The summary: counts, then one block per failure group with its example. */
    synchronized void log(Logger log, String title) {
        StringBuilder out = new StringBuilder();
        out.append(title)
                .append(" (seed ")
                .append(seed)
                .append(", rerun with -Dhearth.fuzz.seed=")
                .append(seed)
                .append(")\nRequests sent per route family:");
        sent.forEach((family, n) -> out.append(' ').append(family).append('=').append(n.get()));
        out.append(" (total ").append(total()).append(")\n");
        List<Failure> all = failures();
        out.append(all.size())
                .append(" failure group(s)")
                .append(all.isEmpty() ? "" : ":")
                .append('\n');
        int i = 1;
        for (Failure f : all) {
            out.append(String.format(
                    "%3d. %s | %s | mutation %s | %d time(s)%n",
                    i++, f.route(), f.problem(), f.mutation(), f.count().get()));
        }
        log.info(out.toString());
        if (!all.isEmpty()) {
            StringBuilder examples = new StringBuilder("Examples, one per failure group:\n");
            i = 1;
            for (Failure f : all) {
                examples.append(String.format(
                        "%3d. %s | %s | %s%n    %s%n", i++, f.route(), f.problem(), f.mutation(), f.example()));
            }
            log.info(examples.toString());
        }
    }
}

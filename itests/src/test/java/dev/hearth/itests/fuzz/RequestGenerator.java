package dev.hearth.itests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Makes the {@code index}-th request of a seed: a route (every route in turn for the first two
 * rounds, then at random), well-formed parameters, headers and body, then at most one mutation.
 * Each request depends on the seed and its index only, never on earlier answers, so any request
 * of a run can be made again alone.
 */
final class RequestGenerator {
    private final long seed;
    private final FuzzTarget target;
    private final ParamValues values;
    private final Bodies bodies;
    private final Mutations mutations;
    private final List<Route> routes = RouteCatalog.all();

    RequestGenerator(long seed, FuzzTarget target) {
        this.seed = seed;
        this.target = target;
        this.values = new ParamValues(target);
        this.bodies = new Bodies(target, values);
        this.mutations = new Mutations(target, new BodyMutator());
    }

    FuzzRequest generate(long index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Route route = index < 2L * routes.size()
                ? routes.get((int) (index % routes.size()))
                : routes.get(random.nextInt(routes.size()));
        Draft draft = wellFormed(route, index, random);
        mutations.apply(draft, index, random);
        return draft.freeze();
    }

    private Draft wellFormed(Route route, long index, Random random) {
        Draft d = new Draft(route);
        String pattern = route.pattern();
        for (String part : pattern.split("/")) {
            if (!part.isEmpty()) {
                d.segments.add(part.startsWith(":") ? values.path(route, part.substring(1), random) : part);
            }
        }
        d.trailingSlash = pattern.endsWith("/") && pattern.length() > 1;
        String filter = null;
        for (String name : route.query()) {
            boolean always = name.equals("filter") || name.equals("Domain") || name.equals("Audience");
            if (always ? random.nextInt(8) > 0 : random.nextInt(3) == 0) {
                String value = values.query(name, index, random);
                d.query.add(new String[] {Wire.encode(name).replace("%5B", "[").replace("%5D", "]"), value});
                filter = name.equals("filter") ? value : filter;
            }
        }
        if (route.endpoint() == Route.Endpoint.PUBLIC) {
            d.header("Host", target.domain);
            publicAuth(d, random);
        } else {
            d.header("Host", "127.0.0.1:" + target.adminPort);
            adminAuth(d, random);
        }
        String accept = accept(random);
        if (accept != null) {
            d.header("Accept", accept);
        }
        if (route.body() != BodyKind.NONE) {
            d.body = bodies.valid(route.body(), filter, index, random);
            d.header("Content-Type", route.body().json() ? "application/json" : "application/x-www-form-urlencoded");
            d.framing = random.nextInt(5) == 0 ? Framing.CHUNKED : Framing.CONTENT_LENGTH;
        }
        if (route.pattern().endsWith("/copy")) {
            d.header("Destination", "_design/copy" + random.nextInt(3));
        }
        return d;
    }

    /** Mostly the scoped CLI token; also other audiences, other transports, stale and foreign tokens, or none. */
    private void publicAuth(Draft d, Random random) {
        boolean registration = d.route.pattern().startsWith("/auth/register/");
        int n = random.nextInt(100);
        String token;
        if (registration && n < 60) {
            token = target.registrationToken;
        } else if (n < 45) {
            token = target.cliToken;
        } else if (n < 55) {
            token = target.accessToken;
        } else if (n < 58) {
            token = target.shareToken;
        } else if (n < 62) {
            token = target.expiredToken;
        } else if (n < 66) {
            token = target.victimToken;
        } else if (n < 70) {
            token = ParamValues.pick(
                    random,
                    "garbage",
                    "a.b.c",
                    target.cliToken + "x",
                    target.cliToken.substring(0, target.cliToken.length() / 2));
        } else if (n < 75) {
            d.query.add(new String[] {"bearer_token", target.cliToken});
            return;
        } else if (n < 80) {
            d.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((":" + target.cliToken).getBytes(StandardCharsets.UTF_8)));
            return;
        } else {
            return;
        }
        d.header("Authorization", "Bearer " + token);
    }

    private static void adminAuth(Draft d, Random random) {
        int n = random.nextInt(20);
        String password = n < 17 ? FuzzTarget.ADMIN_PASSPHRASE : n < 18 ? "wrong" : null;
        if (password != null) {
            d.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (n == 18) {
            d.header("Authorization", ParamValues.pick(random, "Basic !!!", "Basic Og==", "Bearer x", "Basic"));
        }
    }

    private static String accept(Random random) {
        int n = random.nextInt(100);
        if (n < 50) {
            return "application/json";
        }
        if (n < 70) {
            return null;
        }
        if (n < 80) {
            return "*/*";
        }
        if (n < 88) {
            return "text/html,application/xhtml+xml,*/*;q=0.8";
        }
        if (n < 92) {
            return "application/vnd.api+json";
        }
        if (n < 96) {
            return "text/html, application/json;q=0.9";
        }
        return ParamValues.pick(random, "image/png", "", "text/plain", "application/json;q=0");
    }
}

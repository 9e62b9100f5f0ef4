package dev.hearth.itests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The one mutation of a request: its method, path, query, headers, Host, request line, body,
 * body framing or Content-Type, each broken in a named way; or none, for a well-formed request
 * with random values. The name ends up in {@link Draft#mutation}; protocol-level mutations whose
 * effect cannot depend on the route are labelled {@code *} so their failures group once.
 */
final class Mutations {
    static final String ANY_ROUTE = "* (any route)";
    /** Host values the HTTP container itself should refuse, whatever the route. */
    private static final Set<String> MALFORMED_HOSTS =
            Set.of("missing", "empty", "space", "nul", "non-ascii", "bad-port", "duplicate", "ipv6-broken", "userinfo");

    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final FuzzTarget target;
    private final BodyMutator bodies;

    Mutations(FuzzTarget target, BodyMutator bodies) {
        this.target = target;
        this.bodies = bodies;
    }

    void apply(Draft d, long index, Random random) {
        int n = random.nextInt(100);
        if (n < 28) {
            return;
        }
        if (n < 33) {
            method(d, random);
        } else if (n < 45) {
            path(d, random);
        } else if (n < 57) {
            query(d, random);
        } else if (n < 65) {
            header(d, random);
        } else if (n < 68) {
            host(d, random);
        } else if (n < 70) {
            requestLine(d, random);
        } else if (n < 88) {
            body(d, random);
        } else if (n < 96) {
            framing(d, random);
        } else {
            contentType(d, random);
        }
    }

    private void method(Draft d, Random random) {
        int n = random.nextInt(10);
        if (n < 6) {
            d.method = Nasty.pick(random, METHODS);
            d.mutation = "method:other";
        } else if (n < 7) {
            d.method = d.method.toLowerCase(Locale.ROOT);
            d.mutation = "method:lowercase";
        } else if (n < 9) {
            d.method = ParamValues.pick(random, "FOO", "PROPFIND", "MKCOL", "COPY", "CONNECT", "BREW");
            d.mutation = "method:unknown";
        } else {
            d.method = ParamValues.pick(random, "G\u0000T", "GE T", "\u00ffGET", "A".repeat(2000), "");
            d.mutation = "method:malformed";
            d.label = ANY_ROUTE;
        }
        if (d.route.kind() == Route.Kind.CONSOLE && !d.method.equals("GET") && !d.method.equals("HEAD")) {
            // The console's write actions (stop a bundle, change a configuration) are not the fuzzer's to press.
            d.setHeader("Authorization", null);
        }
    }

    private void path(Draft d, Random random) {
        int n = random.nextInt(10);
        List<Integer> params = paramPositions(d);
        String nasty = Nasty.pick(random, Nasty.SEGMENTS);
        if (n < 5 && !params.isEmpty()) {
            d.segments.set(params.get(random.nextInt(params.size())), nasty);
            d.mutation = "path:parameter";
        } else if (n < 6) {
            d.segments.add(nasty);
            d.mutation = "path:extra-segment";
        } else if (n < 7) {
            d.segments.add(random.nextInt(d.segments.size() + 1), ParamValues.pick(random, "..", ".", ""));
            d.mutation = "path:dot-segment";
        } else if (n < 8) {
            boolean overLimit = random.nextBoolean();
            d.segments.add("p".repeat(overLimit ? 20_000 : 9_000));
            d.mutation = overLimit ? "path:longer-than-the-header-limit" : "path:long";
            d.label = overLimit ? ANY_ROUTE : d.label;
        } else if (n < 9 && !d.segments.isEmpty()) {
            d.segments.set(0, d.segments.get(0).toUpperCase(Locale.ROOT));
            d.mutation = "path:case";
        } else {
            String path = d.target();
            d.rawTarget = switch (random.nextInt(4)) {
                case 0 -> "http://" + target.domain + path;
                case 1 -> "*";
                case 2 -> path.substring(1);
                default -> path.replace("/", "//");
            };
            d.mutation = "path:target-form";
        }
    }

    private static List<Integer> paramPositions(Draft d) {
        String[] parts = d.route.pattern().replaceFirst("^/", "").split("/");
        ArrayList<Integer> out = new ArrayList<>();
        for (int i = 0; i < parts.length && i < d.segments.size(); i++) {
            if (parts[i].startsWith(":")) {
                out.add(i);
            }
        }
        return out;
    }

    private void query(Draft d, Random random) {
        int n = random.nextInt(12);
        if (n < 5) {
            String name = d.route.query().isEmpty()
                    ? "x"
                    : Wire.encode(Nasty.pick(random, d.route.query()))
                            .replace("%5B", "[")
                            .replace("%5D", "]");
            d.query.removeIf(p -> p[0].equals(name));
            d.query.add(new String[] {name, Nasty.pick(random, Nasty.QUERY_VALUES)});
            d.mutation = "query:value";
        } else if (n < 8) {
            d.query.add(new String[] {Nasty.pick(random, Nasty.QUERY_NAMES), Nasty.pick(random, Nasty.QUERY_VALUES)});
            d.mutation = "query:name";
        } else if (n < 10) {
            d.rawQuery = Nasty.pick(random, Nasty.QUERY_STRINGS);
            d.mutation = "query:raw";
        } else if (n < 11) {
            for (int i = 0; i < 3 && !d.route.query().isEmpty(); i++) {
                d.query.add(new String[] {Nasty.pick(random, d.route.query()), Nasty.pick(random, Nasty.QUERY_VALUES)});
            }
            d.query.add(new String[] {"a", "1"});
            d.query.add(new String[] {"a", "2"});
            d.mutation = "query:repeated";
        } else {
            d.query.add(new String[] {"big", "q".repeat(12_000)});
            d.mutation = "query:huge";
        }
    }

    private void header(Draft d, Random random) {
        String kind = ParamValues.pick(
                random,
                "oversized",
                "many",
                "control-chars",
                "non-ascii",
                "bad-name",
                "obs-fold",
                "no-colon",
                "authorization",
                "cookie",
                "cors",
                "if-match",
                "destination",
                "expect",
                "content-encoding",
                "accept",
                "range");
        d.mutation = "header:" + kind;
        String value = Nasty.pick(random, Nasty.HEADER_VALUES);
        switch (kind) {
            case "oversized" -> {
                d.header("X-Fuzz", "o".repeat(20_000));
                d.label = ANY_ROUTE;
            }
            case "many" -> {
                for (int i = 0; i < 300; i++) {
                    d.header("X-Fuzz-" + i, "v" + i);
                }
            }
            case "control-chars" ->
                d.header("X-Fuzz", ParamValues.pick(random, "a\u0000b", "\u0001", "a\u007fb", "\u000b"));
            case "non-ascii" ->
                d.header("X-Fuzz", ParamValues.pick(random, "\u00ff\u00fe", "\u00c3\u00a9t\u00c3\u00a9"));
            case "bad-name" -> d.header(ParamValues.pick(random, "Bad Name", "X-\u00ff", "X(y)", "X\u0000"), "v");
            case "obs-fold" -> d.header("X-Fuzz", "first\r\n folded");
            case "no-colon" -> d.headers.add(new Header("NoColonHere", null));
            case "authorization" ->
                d.setHeader(
                        "Authorization",
                        ParamValues.pick(
                                random,
                                "Bearer " + "t".repeat(9000),
                                "Bearer",
                                "Bearer  ",
                                "Basic %%%",
                                "Basic Og==",
                                "Negotiate x",
                                "Bearer a.b.c",
                                "Bearer " + value,
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("no colon".getBytes(StandardCharsets.UTF_8))));
            case "cookie" ->
                d.setHeader(
                        "Cookie",
                        ParamValues.pick(
                                random,
                                "cozysessid=garbage",
                                "cozysessid=",
                                "cozysessid=" + "c".repeat(8000),
                                "a=b; ; ;=;",
                                "cozysessid=\u00ff",
                                "pass" + target.permissionId + "=garbage",
                                "_csrf=x"));
            case "cors" -> {
                d.header(
                        "Origin",
                        ParamValues.pick(random, "http://evil.example", "null", "http://" + target.domain, value));
                d.header("Access-Control-Request-Method", ParamValues.pick(random, "PUT", "FOO", value));
                d.header("Access-Control-Request-Headers", ParamValues.pick(random, "authorization", value));
            }
            case "if-match" -> d.setHeader("If-Match", ParamValues.pick(random, "1-abc", "\"1-abc\"", "*", value));
            case "destination" ->
                d.setHeader(
                        "Destination",
                        ParamValues.pick(random, "_design/", "../x", "_local/x", "_design/%00", "x", value));
            case "expect" -> d.setHeader("Expect", ParamValues.pick(random, "100-continue", "nothing", value));
            case "content-encoding" ->
                d.setHeader("Content-Encoding", ParamValues.pick(random, "gzip", "deflate", "br", "identity, gzip"));
            case "accept" -> d.setHeader("Accept", value);
            default -> d.setHeader("Range", ParamValues.pick(random, "bytes=0-1", "bytes=9-1", "bytes=x", value));
        }
    }

    private void host(Draft d, Random random) {
        String kind = ParamValues.pick(
                random,
                "missing",
                "empty",
                "space",
                "nul",
                "non-ascii",
                "bad-port",
                "unknown",
                "other-instance",
                "duplicate",
                "ipv6-broken",
                "uppercase",
                "trailing-dot",
                "userinfo",
                "app-subdomain");
        String host = d.route.endpoint() == Route.Endpoint.PUBLIC ? target.domain : "127.0.0.1:" + target.adminPort;
        String value = switch (kind) {
            case "missing" -> null;
            case "empty" -> "";
            case "space" -> "a b";
            case "nul" -> "fuzz\u0000.localhost";
            case "non-ascii" -> "\u00ff\u00fe.localhost";
            case "bad-port" -> ParamValues.pick(random, "fuzz.localhost:99999", "fuzz.localhost:abc", host + ":1");
            case "unknown" -> "nope.localhost:" + target.publicPort;
            case "other-instance" -> target.victim;
            case "duplicate" -> host;
            case "ipv6-broken" -> "[::1";
            case "uppercase" -> host.toUpperCase(Locale.ROOT);
            case "trailing-dot" -> host.replace(".localhost", ".localhost.");
            case "userinfo" -> "user@" + host;
            default -> "drive." + host;
        };
        if (kind.equals("duplicate")) {
            d.header("Host", "other.localhost");
        } else {
            d.setHeader("Host", value);
        }
        d.mutation = "host:" + kind;
        if (MALFORMED_HOSTS.contains(kind)) {
            d.label = ANY_ROUTE;
        }
        boolean sameInstance = kind.equals("uppercase") || kind.equals("other-instance") && !target.victimGone;
        if (d.route.endpoint() == Route.Endpoint.PUBLIC && !sameInstance) {
            // The public endpoint routes by host: another one is answered before the routes (not an instance, an app),
            // and so is the victim once an admin route destroyed it. Host names are case-insensitive.
            d.routed = false;
        }
    }

    private void requestLine(Draft d, Random random) {
        String kind = ParamValues.pick(
                random,
                "http-3.0",
                "http-1.2",
                "http-0.9",
                "http-2.0",
                "lowercase-version",
                "extra-token",
                "no-version");
        d.version = switch (kind) {
            case "http-3.0" -> "HTTP/3.0";
            case "http-1.2" -> "HTTP/1.2";
            case "http-0.9" -> "HTTP/0.9";
            case "http-2.0" -> "HTTP/2.0";
            case "lowercase-version" -> "http/1.1";
            case "extra-token" -> "HTTP/1.1 extra";
            default -> "";
        };
        d.mutation = "request-line:" + kind;
        d.label = ANY_ROUTE;
    }

    private void body(Draft d, Random random) {
        BodyKind kind = d.route.body();
        if (kind == BodyKind.NONE) {
            d.body = "{\"unexpected\":true}".getBytes(StandardCharsets.UTF_8);
            d.setHeader("Content-Type", "application/json");
            d.framing = Framing.CONTENT_LENGTH;
            d.mutation = "body:unexpected";
            return;
        }
        BodyMutator.Mutated m = kind.json() ? bodies.json(d.body, random) : bodies.form(d.body, random);
        d.body = m.body();
        d.mutation = (kind.json() ? "body:" : "form:") + m.mutation();
    }

    private void framing(Draft d, Random random) {
        if (d.body.length == 0) {
            d.body = d.route.body().form()
                    ? "a=1".getBytes(StandardCharsets.UTF_8)
                    : "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        }
        List<Framing> broken = Framing.broken();
        d.framing = broken.get(random.nextInt(broken.size()));
        d.mutation = "framing:" + d.framing.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void contentType(Draft d, Random random) {
        String type = ParamValues.pick(
                random,
                null,
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/json",
                "application/json; charset=latin1",
                "multipart/form-data; boundary=x",
                "multipart/form-data",
                "\u0000",
                "application/json; charset=\u00ff",
                "*/*");
        d.setHeader("Content-Type", type);
        if (d.body.length > 0 && d.framing == Framing.NONE) {
            d.framing = Framing.CONTENT_LENGTH;
        }
        d.mutation = "content-type";
    }
}

package dev.hearth.itests.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Fixed pools of hostile values, as wire strings ({@link Wire}): percent-encodings that decode to
 * NUL, invalid or overlong UTF-8, dot segments, encoded slashes, raw control and non-ASCII bytes,
 * numbers that overflow, JSON that is not. Fixed lists keep runs reproducible from the seed.
 */
final class Nasty {
    /** For a path segment. */
    static final List<String> SEGMENTS = List.of(
            "%00",
            "a%00b",
            "%ff%fe",
            "%c0%ae%c0%ae%2f",
            "..",
            "..;",
            ".",
            "%2e%2e",
            "%2e%2e%2f",
            "%2F",
            "a%2Fb",
            "%",
            "%z",
            "%zz",
            "%e9",
            "%c3%a9",
            "%f0%9f%92%a9",
            "%ed%a0%80",
            "\u00c3\u00a9",
            "\u00ff",
            "\u0000",
            " ",
            "\t",
            "a;b=c",
            ";",
            "~",
            "_design",
            "_local",
            "_all_docs",
            "_",
            "_id",
            "-1",
            "0",
            "99999999999999999999",
            "x".repeat(300),
            "y".repeat(6000),
            "%25",
            "%2525",
            "+",
            "%20",
            "null",
            "%7B%7D",
            "%7B%22a%22%3A1%7D",
            "*",
            "%3F",
            "\\",
            "%5C",
            "IO.COZY.X",
            "io..cozy",
            "io.cozy.x.",
            "io.cozy.permissions",
            "io.cozy.sessions",
            "io.cozy.files",
            "%22",
            "'",
            "%27%20OR%201%3D1",
            "$gt",
            "__proto__",
            "CON",
            "%c0%80",
            "%fe%ff",
            "%e2%80%ae",
            "\u0080",
            "%0d%0aX-Injected:%201");

    /** For a query parameter value. */
    static final List<String> QUERY_VALUES = List.of(
            "%ff",
            "%00",
            "%00%ff",
            "%22%ff%22",
            "1-%ff",
            "%zz",
            "%",
            "%c0%ae",
            "%ed%a0%80",
            "\u00ff",
            "\u00c3\u00a9",
            "",
            "-1",
            "0",
            "1e3",
            "NaN",
            "Infinity",
            "99999999999999999999",
            "2147483648",
            "-9223372036854775809",
            "0x10",
            "%201",
            "1.5",
            "true%00",
            "%5B",
            "%5D",
            "%7B",
            "%22",
            "%5B%5D",
            "%7B%7D",
            "notjson",
            "%22unterminated",
            "%5B1%2C2%5D",
            "%7B%22%24gt%22%3Anull%7D",
            "z".repeat(5000),
            "%2e%2e%2f%2e%2e%2f",
            "a%26b%3Dc",
            "%0d%0a",
            "+",
            "%2B",
            "%22%5Cud800%22",
            "%22%5Cu0000%22",
            "1e999999",
            "all",
            "now",
            "normal",
            "longpoll",
            "continuous",
            "%5B%22" + "k".repeat(3000) + "%22%5D");

    /** For a query parameter name. */
    static final List<String> QUERY_NAMES = List.of(
            "%ff",
            "%00",
            "%zz",
            "\u00ff",
            "",
            "a%5B%5D",
            "page%5Blimit",
            "x".repeat(3000),
            "%3D",
            "%26",
            "filter",
            "feed",
            "bearer_token",
            "limit",
            "__proto__",
            "DesignDocs",
            "Domain",
            "callback",
            "_",
            "include_docs",
            "a%00b");

    /** Raw query strings that are not name=value pairs. */
    static final List<String> QUERY_STRINGS =
            List.of("&&&", "=", "==", "a", "a=b=c", "&=&=", "%", "%%", "?", "a=1&a=2&a=3", "a=%ff&%ff=a", ";", "%3f");

    /** Header values that break things: controls, non-ASCII, sizes. */
    static final List<String> HEADER_VALUES = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\u00ff\u00fe",
            "\u00c3\u00a9",
            "\u0001\u0002",
            "a\tb",
            "x".repeat(9000),
            "=?utf-8?b?w6k=?=",
            "\"",
            "%00",
            "()<>@,;:\\\"/[]?={}",
            "-1",
            "99999999999999999999",
            "bytes=0-1,2-3",
            "*");

    private Nasty() {}

    static String pick(Random random, List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }
}

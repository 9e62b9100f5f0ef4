package dev.hearth.datasystem.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.engine.TestSandbox;
import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.test.web.FakeRequest;
import dev.hearth.test.web.Reply;
import dev.hearth.test.web.Served;
import dev.hearth.test.web.TestHearth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /data/:doctype/_design/:ddoc/_view/:view} over HTTP: every parameter, errors, permissions. */
class ViewRoutesTest {
    private static final String TYPE = "io.cozy.events";
    private static final String VIEW = "/data/" + TYPE + "/_design/ev/_view/";

    @TempDir
    static Path dir;

    static TestHearth hearth;
    static Served area;

    @BeforeAll
    static void setUp() {
        hearth = TestHearth.in(dir, "alice.localhost");
        ((DataServiceImpl) hearth.data()).setSandbox(TestSandbox.SANDBOX);
        area = Served.by(new DataArea(hearth.data(), java.util.List.of()));
        StringBuilder docs = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 20; i++) {
            docs.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"e")
                    .append(String.format("%02d", i))
                    .append("\",\"day\":")
                    .append(i / 5)
                    .append(",\"n\":")
                    .append(i)
                    .append('}');
        }
        Reply bulk =
                call(FakeRequest.of("POST", "/data/" + TYPE + "/_bulk_docs").json(docs + "]}"), TYPE);
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        Reply ddoc = call(FakeRequest.of("PUT", "/data/" + TYPE + "/_design/ev").json("""
                                {"views": {
                                  "by_day": {"map": "function (doc) { emit([doc.day, doc.n], doc.n); }", "reduce": "_sum"},
                                  "by_n": {"map": "function (doc) { emit(doc.n, null); }"},
                                  "stats": {"map": "function (doc) { emit(doc.day, doc.n); }", "reduce": "_stats"},
                                  "js": {"map": "function (doc) { emit(doc.day, 1); }",
                                         "reduce": "function (k, v, re) { return sum(v); }"}}}"""), TYPE);
        assertThat(ddoc.status()).as(ddoc.body()).isEqualTo(201);
        assertThat(ddoc.json().path("id").asText()).isEqualTo("_design/ev");
    }

    @AfterAll
    static void tearDown() {
        hearth.close();
    }

    private static Reply call(FakeRequest request, String scope) {
        return area.call(request, hearth.context().cli(scope));
    }

    /** GET the view with name=value parameters (values URL-encoded here). */
    private static JsonNode get(String view, String... params) {
        StringBuilder path = new StringBuilder(VIEW + view);
        for (int i = 0; i < params.length; i += 2) {
            path.append(i == 0 ? '?' : '&')
                    .append(params[i])
                    .append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        Reply r = call(FakeRequest.of("GET", path.toString()), TYPE + ":GET");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String ids(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows")
                .forEach(r ->
                        b.append(b.isEmpty() ? "" : ",").append(r.path("id").asText()));
        return b.toString();
    }

    @Test
    void everyMapParameter() {
        JsonNode all = get("by_n");
        assertThat(all.path("total_rows").asInt()).isEqualTo(20);
        assertThat(all.path("offset").asInt()).isZero();
        assertThat(all.path("rows").get(0).toString()).isEqualTo("{\"id\":\"e00\",\"key\":0,\"value\":null}");
        assertThat(ids(get("by_n", "key", "7"))).isEqualTo("e07");
        assertThat(ids(get("by_n", "keys", "[9,3,42]"))).isEqualTo("e09,e03");
        assertThat(ids(get("by_n", "startkey", "3", "endkey", "5"))).isEqualTo("e03,e04,e05");
        assertThat(ids(get("by_n", "start_key", "3", "end_key", "5", "inclusive_end", "false")))
                .isEqualTo("e03,e04");
        assertThat(ids(get("by_n", "descending", "true", "startkey", "5", "endkey", "3")))
                .isEqualTo("e05,e04,e03");
        assertThat(ids(get("by_day", "reduce", "false", "startkey", "[1]", "endkey", "[1,{}]")))
                .isEqualTo("e05,e06,e07,e08,e09");
        assertThat(ids(get("by_n", "startkey", "3", "startkey_docid", "e03", "endkey", "4", "endkey_docid", "e04")))
                .isEqualTo("e03,e04");
        assertThat(ids(get("by_n", "startkey", "3", "startkey_docid", "e04", "limit", "1")))
                .isEqualTo("e04");
        JsonNode page = get("by_n", "limit", "2", "skip", "4");
        assertThat(ids(page)).isEqualTo("e04,e05");
        assertThat(page.path("offset").asInt()).isEqualTo(4);
        JsonNode docs = get("by_n", "key", "12", "include_docs", "true");
        assertThat(docs.path("rows").get(0).path("doc").path("n").asInt()).isEqualTo(12);
        assertThat(docs.path("rows").get(0).path("doc").path("_rev").asText()).startsWith("1-");
        assertThat(get("by_n", "update_seq", "true", "limit", "0")
                        .path("update_seq")
                        .asText())
                .isEqualTo("21");
        assertThat(ids(get("by_n", "stale", "ok", "limit", "1"))).isEqualTo("e00");
        assertThat(ids(get("by_n", "stale", "update_after", "limit", "1"))).isEqualTo("e00");
        assertThat(ids(get("by_n", "update", "false", "limit", "1"))).isEqualTo("e00");
        assertThat(ids(get("by_n", "update", "lazy", "limit", "1"))).isEqualTo("e00");
    }

    @Test
    void everyReduceParameter() {
        assertThat(get("by_day").path("rows").toString()).isEqualTo("[{\"key\":null,\"value\":190}]");
        assertThat(get("by_day", "group_level", "1").path("rows").toString())
                .isEqualTo("[{\"key\":[0],\"value\":10},{\"key\":[1],\"value\":35},{\"key\":[2],\"value\":60},"
                        + "{\"key\":[3],\"value\":85}]");
        assertThat(get("by_day", "group", "true", "limit", "1").path("rows").toString())
                .isEqualTo("[{\"key\":[0,0],\"value\":0}]");
        assertThat(get("js", "group", "true", "descending", "true", "skip", "1", "limit", "1")
                        .path("rows")
                        .toString())
                .isEqualTo("[{\"key\":2,\"value\":5}]");
        assertThat(get("stats", "key", "3").path("rows").get(0).path("value").toString())
                .isEqualTo("{\"sum\":85,\"count\":5,\"min\":15,\"max\":19,\"sumsqr\":1455}");
        assertThat(get("by_day", "startkey", "[1]", "endkey", "[2]")
                        .path("rows")
                        .toString())
                .isEqualTo("[{\"key\":null,\"value\":35}]");
        assertThat(get("by_day", "update_seq", "true").path("update_seq").asText())
                .isEqualTo("21");
    }

    @Test
    void postTakesKeysAndParametersInTheBody() {
        Reply keys =
                call(FakeRequest.of("POST", VIEW + "by_n?descending=true").json("{\"keys\":[4,2]}"), TYPE + ":GET");
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        assertThat(ids(keys.json())).isEqualTo("e04,e02");
        Reply body = call(
                FakeRequest.of("POST", VIEW + "by_day").json("{\"keys\":[[0,1],[3,19]],\"group\":true}"),
                TYPE + ":GET");
        assertThat(body.json().path("rows").toString())
                .isEqualTo("[{\"key\":[0,1],\"value\":1},{\"key\":[3,19],\"value\":19}]");
        Reply params = call(
                FakeRequest.of("POST", VIEW + "by_n").json("{\"startkey\":18,\"include_docs\":true,\"limit\":1}"),
                TYPE + ":GET");
        assertThat(params.json().path("rows").get(0).path("doc").path("_id").asText())
                .isEqualTo("e18");
    }

    @Test
    void errorsInCouchDbsFormat() {
        Reply parse = call(FakeRequest.of("GET", VIEW + "by_n?limit=-3"), TYPE + ":GET");
        assertThat(parse.status()).isEqualTo(400);
        assertThat(parse.json().path("error").asText()).isEqualTo("query_parse_error");
        assertThat(parse.json().path("reason").asText()).isEqualTo("Invalid value for positive integer: \"-3\"");
        Reply reduce = call(FakeRequest.of("GET", VIEW + "by_n?reduce=true"), TYPE + ":GET");
        assertThat(reduce.json().path("reason").asText()).isEqualTo("Reduce is invalid for map-only views.");
        Reply json = call(FakeRequest.of("GET", VIEW + "by_n?key=nope"), TYPE + ":GET");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().path("error").asText()).isEqualTo("bad_request");
        Reply missing = call(FakeRequest.of("GET", VIEW + "nothing"), TYPE + ":GET");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("reason").asText()).isEqualTo("missing_named_view");
        Reply badKeys = call(FakeRequest.of("POST", VIEW + "by_n").json("{\"keys\":3}"), TYPE + ":GET");
        assertThat(badKeys.status()).isEqualTo(400);
        assertThat(badKeys.json().path("reason").asText()).isEqualTo("`keys` member must be an array.");
    }

    @Test
    void permissionsAreThoseOfTheOtherDatabaseReads() {
        assertThat(call(FakeRequest.of("GET", VIEW + "by_n"), "io.cozy.notes").status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("PUT", "/data/" + TYPE + "/_design/x").json("{\"views\":{}}"), TYPE + ":GET")
                        .status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("GET", "/data/io.cozy.permissions/_design/a/_view/b"), "io.cozy.permissions")
                        .status())
                .isEqualTo(403);
        Reply anonymous = area.call(FakeRequest.of("GET", VIEW + "by_n"), hearth.context());
        assertThat(anonymous.status()).isEqualTo(401);
    }
}

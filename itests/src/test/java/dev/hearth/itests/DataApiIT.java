package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The /data API over real HTTP: permissions, reserved doctypes, bad input and its CouchDB errors. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataApiIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private String domain() {
        return createInstance("data");
    }

    private String token(String scope) {
        return cliToken(domain(), scope);
    }

    private Http.Response call(String method, String path, String token, String body) {
        Http.Request r = Http.method(method, publicUrl() + path).host(domain()).json();
        if (token != null) {
            r.bearer(token);
        }
        return r.body(body == null ? "" : body).send();
    }

    @Test
    public void everyRouteNeedsAToken() {
        Http.Response r = call("GET", "/data/io.cozy.notes/", null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").asText()).isEqualTo("code=401, message=No token in request");
        assertThat(call("GET", "/data/", null, null).json().path("message").asText())
                .isEqualTo("welcome to a cozy API");
    }

    @Test
    public void scopesLimitVerbsDoctypesAndDocuments() {
        String all = token("io.cozy.notes");
        assertThat(call("PUT", "/data/io.cozy.notes/n1", all, "{\"t\":1}").status())
                .isEqualTo(200);
        assertThat(call("PUT", "/data/io.cozy.notes/n2", all, "{\"t\":2}").status())
                .isEqualTo(200);

        String readOnly = token("io.cozy.notes:GET");
        assertThat(call("GET", "/data/io.cozy.notes/n1", readOnly, null).status())
                .isEqualTo(200);
        Http.Response denied = call("POST", "/data/io.cozy.notes/", readOnly, "{\"t\":3}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().path("error").asText()).isEqualTo("code=403, message=Forbidden");

        String one = token("io.cozy.notes:GET:n1");
        assertThat(call("GET", "/data/io.cozy.notes/n1", one, null).status()).isEqualTo(200);
        assertThat(call("GET", "/data/io.cozy.notes/n2", one, null).status()).isEqualTo(403);
        assertThat(call("GET", "/data/io.cozy.notes/missing", one, null).status())
                .as("no leak of existence")
                .isEqualTo(403);
        assertThat(call("GET", "/data/io.cozy.notes/_all_docs", one, null).status())
                .isEqualTo(403);
        assertThat(call("GET", "/data/io.cozy.notes/_changes", one, null).status())
                .isEqualTo(403);
        assertThat(call("GET", "/data/io.cozy.todos/x", all, null).status()).isEqualTo(403);
    }

    @Test
    public void reservedAndInvalidDoctypesAreRefused() {
        String token = token("io.cozy.sessions%20io.cozy.files");
        Http.Response sessions = call("GET", "/data/io.cozy.sessions/_all_docs", token, null);
        assertThat(sessions.status()).isEqualTo(403);
        assertThat(sessions.json().path("error").asText())
                .isEqualTo("code=403, message=reserved doctype io.cozy.sessions unreadable");
        Http.Response files = call("POST", "/data/io.cozy.files/", token, "{\"name\":\"x\"}");
        assertThat(files.json().path("error").asText())
                .isEqualTo("code=403, message=reserved doctype io.cozy.files unwritable");
        Http.Response invalid = call("GET", "/data/IO.Cozy/", token, null);
        assertThat(invalid.status()).isEqualTo(403);
        assertThat(invalid.json().path("error").asText()).contains("is not a valid doctype name");
    }

    @Test
    public void badInputGetsCouchDbErrorsAndWritesNothing() {
        String token = token("io.cozy.bad");
        assertThat(call("PUT", "/data/io.cozy.bad/", token, null).status()).isEqualTo(201);
        Http.Response malformed = call("POST", "/data/io.cozy.bad/", token, "{\"a\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("bad_request");
        assertThat(call("POST", "/data/io.cozy.bad/", token, "[1,2]")
                        .json()
                        .path("reason")
                        .asText())
                .isEqualTo("Document must be a JSON object");
        assertThat(call("POST", "/data/io.cozy.bad/", token, "{\"_id\":\"_x\"}")
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("illegal_docid");
        assertThat(call("PUT", "/data/io.cozy.bad/a", token, "{\"_id\":\"b\",\"_rev\":\"1-x\"}")
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("Bad Request(400): document _id doesnt match url");
        assertThat(call("PUT", "/data/io.cozy.bad/a", token, "{\"_id\":\"a\"}").status())
                .isEqualTo(400);
        assertThat(call("DELETE", "/data/io.cozy.bad/a", token, null)
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("Bad Request(400): delete without revision");
        Http.Response tooBig =
                call("POST", "/data/io.cozy.bad/", token, "{\"blob\":\"" + "x".repeat(8_100_000) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().path("error").asText()).isEqualTo("document_too_large");
        assertThat(call("POST", "/data/io.cozy.bad/_find", token, "{\"selector\":{\"a\":{\"$nope\":1}}}")
                        .status())
                .isEqualTo(400);
        assertThat(call("POST", "/data/io.cozy.bad/_find", token, "{\"selector\":{\"a\":1},\"sort\":[\"b\"]}")
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("no_usable_index");
        Http.Response noIndex = call("POST", "/data/io.cozy.bad/_find", token, "{\"selector\":{\"a\":1}}");
        assertThat(noIndex.json().path("error").asText()).isEqualTo("no_index");
        assertThat(call("GET", "/data/io.cozy.bad/_changes?include_docs=true&style=main_only&since=0", token, null)
                        .status())
                .isEqualTo(200);
        assertThat(call("GET", "/data/io.cozy.bad/_changes?filter=_doc_ids", token, null)
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("Bad Request(400): Unsupported query parameter 'filter'");
        JsonNode info = call("GET", "/data/io.cozy.bad/", token, null).json();
        assertThat(info.path("doc_count").asInt())
                .as("no failed request wrote anything")
                .isZero();
    }

    @Test
    public void idsMayCarryEncodedSlashes() {
        String token = token("io.cozy.slashes");
        Http.Response put = call("PUT", "/data/io.cozy.slashes/io.cozy.apps%2Fdrive", token, "{\"slug\":\"drive\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("id").asText()).isEqualTo("io.cozy.apps/drive");
        assertThat(call("GET", "/data/io.cozy.slashes/io.cozy.apps%2Fdrive", token, null)
                        .json()
                        .path("slug")
                        .asText())
                .isEqualTo("drive");
    }

    @Test
    public void writesAreVisibleAtOnceToChangesFindAndAllDocs() {
        String token = token("io.cozy.visible");
        call("POST", "/data/io.cozy.visible/_index", token, "{\"index\":{\"fields\":[\"k\"]}}");
        String rev = call("PUT", "/data/io.cozy.visible/v1", token, "{\"k\":42}")
                .json()
                .path("rev")
                .asText();
        assertThat(call("POST", "/data/io.cozy.visible/_find", token, "{\"selector\":{\"k\":42}}")
                        .json()
                        .path("docs")
                        .get(0)
                        .path("_rev")
                        .asText())
                .isEqualTo(rev);
        assertThat(call("GET", "/data/io.cozy.visible/_changes", token, null)
                        .json()
                        .path("results")
                        .findValuesAsText("id"))
                .contains("v1");
        assertThat(call("GET", "/data/io.cozy.visible/_all_docs?keys=%5B%22v1%22%2C%22nope%22%5D", token, null)
                        .json()
                        .path("rows")
                        .get(1)
                        .path("error")
                        .asText())
                .isEqualTo("not_found");
    }

    @Test
    public void purgeIsForTheOperatorAndRemovesATombstoneForGood() {
        String cli = token("io.cozy.purged");
        call("PUT", "/data/io.cozy.purged/keep", cli, "{\"k\":1}");
        String rev = call("PUT", "/data/io.cozy.purged/gone", cli, "{\"k\":2}")
                .json()
                .path("rev")
                .asText();
        String tombstone = call("DELETE", "/data/io.cozy.purged/gone?rev=" + rev, cli, null)
                .json()
                .path("rev")
                .asText();
        String checkpoint = call("GET", "/data/io.cozy.purged/_changes", cli, null)
                .json()
                .path("last_seq")
                .asText();
        String body = "{\"gone\":[\"" + tombstone + "\"]}";

        Http.Response client = adminPost("/instances/oauth_client?Domain=" + domain()
                + "&RedirectURI=http://localhost/cb&ClientName=tool&SoftwareID=tool");
        String access = adminToken(
                domain(),
                "Audience=access&Subject=" + client.json().path("client_id").asText() + "&Scope=io.cozy.purged");
        assertThat(call("POST", "/data/io.cozy.purged/_purge", access, body).status())
                .as("an OAuth client, even with the whole doctype")
                .isEqualTo(403);
        assertThat(call("POST", "/data/io.cozy.purged/_purge", token("io.cozy.purged:GET"), body)
                        .status())
                .isEqualTo(403);
        assertThat(call("POST", "/data/io.cozy.purged/_purge", cli, "[1]")
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("bad_request");

        Http.Response purged = call("POST", "/data/io.cozy.purged/_purge", cli, body);
        assertThat(purged.status()).as(purged.body()).isEqualTo(201);
        assertThat(purged.json().path("purged").path("gone").get(0).asText()).isEqualTo(tombstone);
        assertThat(purged.json().path("purge_seq").asText()).isEqualTo("1");
        assertThat(call("GET", "/data/io.cozy.purged/gone", cli, null)
                        .json()
                        .path("reason")
                        .asText())
                .isEqualTo("missing");
        JsonNode info = call("GET", "/data/io.cozy.purged/", cli, null).json();
        assertThat(info.path("purge_seq").asText()).isEqualTo("1");
        assertThat(info.path("doc_del_count").asLong()).isZero();
        call("PUT", "/data/io.cozy.purged/later", cli, "{\"k\":3}");
        assertThat(call("GET", "/data/io.cozy.purged/_changes?since=" + checkpoint, cli, null)
                        .json()
                        .path("results")
                        .findValuesAsText("id"))
                .as("a replica that checkpointed before the purge goes on")
                .containsExactly("later");
        assertThat(call("GET", "/data/io.cozy.purged/_changes", cli, null)
                        .json()
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactlyInAnyOrder("keep", "later");
    }

    @Test
    public void viewsAnswerAndADesignDocumentCopyAnswersToo() {
        String cli = token("io.cozy.views");
        for (int i = 1; i <= 5; i++) {
            assertThat(call("PUT", "/data/io.cozy.views/v" + i, cli, "{\"k\":" + (i % 2) + ",\"n\":" + i + "}")
                            .status())
                    .isEqualTo(200);
        }
        String design =
                "{\"views\":{\"by_k\":{\"map\":\"function (doc) { emit(doc.k, doc.n); }\"," + "\"reduce\":\"_sum\"}}}";
        Http.Response saved = call("PUT", "/data/io.cozy.views/_design/d", cli, design);
        assertThat(saved.status()).isEqualTo(201);
        JsonNode rows = call("GET", "/data/io.cozy.views/_design/d/_view/by_k?reduce=false&key=1", cli, null)
                .json();
        assertThat(rows.path("rows").findValuesAsText("id")).containsExactly("v1", "v3", "v5");
        assertThat(rows.path("total_rows").asInt()).isEqualTo(5);
        assertThat(call("GET", "/data/io.cozy.views/_design/d/_view/by_k?group=true", cli, null)
                        .json()
                        .path("rows")
                        .toString())
                .isEqualTo("[{\"key\":0,\"value\":6},{\"key\":1,\"value\":9}]");
        String rev = saved.json().path("rev").asText();
        Http.Response copied = Http.method("POST", publicUrl() + "/data/io.cozy.views/_design/d/copy?rev=" + rev)
                .host(domain())
                .json()
                .bearer(cli)
                .header("Destination", "_design/e")
                .body("")
                .send();
        assertThat(copied.status()).isEqualTo(201);
        assertThat(call("GET", "/data/io.cozy.views/_design/e/_view/by_k", cli, null)
                        .json()
                        .path("rows")
                        .toString())
                .isEqualTo("[{\"key\":null,\"value\":15}]");
    }
}

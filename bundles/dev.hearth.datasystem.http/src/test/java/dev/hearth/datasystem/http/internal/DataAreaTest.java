package dev.hearth.datasystem.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.DeclaredDoctypes;
import dev.hearth.test.web.FakeRequest;
import dev.hearth.test.web.Reply;
import dev.hearth.test.web.Served;
import dev.hearth.test.web.TestHearth;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /data routes over a real store, with callers of different permissions, without Felix. */
class DataAreaTest {
    @TempDir
    Path dir;

    private TestHearth hearth;
    private DataArea dataArea;
    private Served area;

    @BeforeEach
    void setUp() {
        hearth = TestHearth.in(dir, "alice.localhost");
        dataArea = new DataArea(hearth.data(), java.util.List.of());
        area = Served.by(dataArea);
    }

    @AfterEach
    void tearDown() {
        hearth.close();
    }

    private Reply call(FakeRequest request, String scope) {
        return area.call(request, hearth.context().cli(scope));
    }

    @Test
    void writesAndReadsADocumentWithCouchShapes() {
        Reply put = call(FakeRequest.of("PUT", "/data/io.cozy.notes/n1").json("{\"title\":\"a\"}"), "io.cozy.notes");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("data").path("_type").asText()).isEqualTo("io.cozy.notes");
        String rev = put.json().path("rev").asText();
        assertThat(rev).startsWith("1-");

        Reply get = call(FakeRequest.of("GET", "/data/io.cozy.notes/n1"), "io.cozy.notes:GET");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().path("_rev").asText()).isEqualTo(rev);
        assertThat(get.json().path("title").asText()).isEqualTo("a");
    }

    @Test
    void allDoctypesAddsTheDeclaredDoctypesOfTheInstanceWhileTheirSourceIsThere() {
        call(FakeRequest.of("PUT", "/data/io.cozy.notes/n1").json("{}"), "io.cozy.notes");
        DeclaredDoctypes apps = domain -> domain.equals(hearth.instance().domain())
                ? Set.of("io.cozy.todos", "io.cozy.notes", "io.cozy.intents", "Not A Doctype", "io.cozy.bank.*")
                : Set.of("io.cozy.elsewhere");
        dataArea.addDeclared(apps);

        Reply listed = call(FakeRequest.of("GET", "/data/_all_doctypes"), "io.cozy.doctypes:GET");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).extracting(JsonNode::asText).containsExactly("io.cozy.notes", "io.cozy.todos");

        dataArea.removeDeclared(apps);
        assertThat(call(FakeRequest.of("GET", "/data/_all_doctypes"), "io.cozy.doctypes:GET")
                        .json())
                .extracting(JsonNode::asText)
                .containsExactly("io.cozy.notes");
        assertThat(call(FakeRequest.of("GET", "/data/_all_doctypes"), "io.cozy.notes")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void checksTheCallersPermissionsOnEveryRoute() {
        call(FakeRequest.of("PUT", "/data/io.cozy.notes/n1").json("{}"), "io.cozy.notes");
        assertThat(call(FakeRequest.of("GET", "/data/io.cozy.notes/n1"), "io.cozy.todos")
                        .status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("GET", "/data/io.cozy.notes/_all_docs"), "io.cozy.todos")
                        .status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("PUT", "/data/io.cozy.notes/n2").json("{}"), "io.cozy.notes:GET")
                        .status())
                .isEqualTo(403);
        Reply anonymous = area.call(FakeRequest.of("GET", "/data/io.cozy.notes/n1"), hearth.context());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).contains("No token in request");
    }

    @Test
    void refusesBadBodiesWithCouchErrors() {
        Reply malformed =
                call(FakeRequest.of("POST", "/data/io.cozy.notes/_bulk_docs").json("{\"docs\":["), "io.cozy.notes");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("bad_request");
        Reply array = call(FakeRequest.of("POST", "/data/io.cozy.notes/").json("[1]"), "io.cozy.notes");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().path("reason").asText()).isEqualTo("Document must be a JSON object");
        Reply twoValues = call(FakeRequest.of("POST", "/data/io.cozy.notes/").json("{} {}"), "io.cozy.notes");
        assertThat(twoValues.status()).isEqualTo(400);
    }

    @Test
    void aMalformedChangesBodyIsRefusedEvenWithoutAFilter() {
        call(FakeRequest.of("PUT", "/data/io.cozy.notes/n1").json("{}"), "io.cozy.notes");
        Reply broken =
                call(FakeRequest.of("POST", "/data/io.cozy.notes/_changes").json("{"), "io.cozy.notes");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("error").asText()).isEqualTo("bad_request");
        Reply ids = call(
                FakeRequest.of("POST", "/data/io.cozy.notes/_changes?filter=_doc_ids")
                        .json("{\"doc_ids\":[\"n1\"]}"),
                "io.cozy.notes");
        assertThat(ids.status()).isEqualTo(200);
        assertThat(ids.json().path("results")).hasSize(1);
    }

    @Test
    void answersUnknownPathsAndMethodsWithCouchErrors() {
        Reply method = call(FakeRequest.of("PATCH", "/data/io.cozy.notes/n1"), "io.cozy.notes");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("GET, PUT, DELETE");
        Reply unknown = call(FakeRequest.of("GET", "/data/io.cozy.notes/a/b/c"), "io.cozy.notes");
        assertThat(unknown.status()).isEqualTo(404);
        JsonNode body = unknown.json();
        assertThat(body.path("error").asText()).contains("404");
    }
}

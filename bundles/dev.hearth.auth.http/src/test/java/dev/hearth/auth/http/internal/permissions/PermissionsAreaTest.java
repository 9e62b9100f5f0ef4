package dev.hearth.auth.http.internal.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.test.web.FakeRequest;
import dev.hearth.test.web.Reply;
import dev.hearth.test.web.Served;
import dev.hearth.test.web.TestHearth;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /permissions routes over the real share store, without Felix. */
class PermissionsAreaTest {
    private static final String SCOPE = "io.cozy.notes io.cozy.permissions";
    private static final String SHARE = "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":"
            + "{\"n\":{\"type\":\"io.cozy.notes\",\"verbs\":[\"GET\"],\"values\":[\"note-%d\"]}}}}}";

    @TempDir
    Path dir;

    private TestHearth hearth;
    private Served area;

    @BeforeEach
    void setUp() {
        hearth = TestHearth.in(dir, "alice.localhost");
        area = Served.by(new PermissionsArea(hearth.auth().shares()));
    }

    @AfterEach
    void tearDown() {
        hearth.close();
    }

    private Reply call(FakeRequest request) {
        return area.call(request, hearth.context().cli(SCOPE));
    }

    private void share(int n) {
        Reply created = call(FakeRequest.of("POST", "/permissions?codes=bob").json(SHARE.formatted(n)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("data").path("attributes").path("codes").has("bob"))
                .isTrue();
    }

    @Test
    void sharedByLinkPagesAdvanceAndFarSkipsGiveEmptyPages() {
        for (int i = 0; i < 3; i++) {
            share(i);
        }
        String list = "/permissions/doctype/io.cozy.notes/shared-by-link";
        Reply first = call(FakeRequest.of("GET", list + "?page[limit]=2"));
        assertThat(first.json().path("data")).hasSize(2);
        assertThat(first.json().path("meta").path("count").asInt()).isEqualTo(3);
        String next = first.json().path("links").path("next").asText();
        assertThat(next).isEqualTo(list + "?page[limit]=2&page[skip]=2");
        assertThat(call(FakeRequest.of("GET", next)).json().path("data")).hasSize(1);

        Reply zero = call(FakeRequest.of("GET", list + "?page[limit]=0"));
        assertThat(zero.json().path("data"))
                .as("a zero limit takes the default page")
                .hasSize(3);
        assertThat(zero.json().path("links").path("next").isMissingNode()
                        || zero.json().path("links").path("next").isNull())
                .isTrue();

        Reply far = call(FakeRequest.of("GET", list + "?page[skip]=2147483647&page[limit]=100"));
        assertThat(far.status()).as(far.body()).isEqualTo(200);
        assertThat(far.json().path("data")).isEmpty();

        Reply bad = call(FakeRequest.of("GET", list + "?page[skip]=x"));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void selfDescribesTheCaller() {
        JsonNode self = call(FakeRequest.of("GET", "/permissions/self")).json().path("data");
        assertThat(self.path("attributes").path("type").asText()).isEqualTo("cli");
        assertThat(self.path("attributes").path("permissions").size()).isEqualTo(2);
    }

    @Test
    void aCallerCannotShareMoreThanItMayDo() {
        String wider = "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":"
                + "{\"f\":{\"type\":\"io.cozy.files\"}}}}}";
        Reply refused = call(FakeRequest.of("POST", "/permissions?codes=eve").json(wider));
        assertThat(refused.status()).isEqualTo(403);
    }
}

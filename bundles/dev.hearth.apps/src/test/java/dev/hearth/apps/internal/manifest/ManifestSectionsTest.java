package dev.hearth.apps.internal.manifest;

import static dev.hearth.apps.internal.manifest.ManifestParserTest.notes;
import static dev.hearth.apps.internal.manifest.ManifestParserTest.parse;
import static dev.hearth.apps.internal.manifest.ManifestParserTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppManifest.Route;
import dev.hearth.apps.FailedAppDTO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifest sections with several entries: permissions, routes, intents, services. */
class ManifestSectionsTest {

    private static void assertRefused(String member, String field) {
        ManifestException e = refused(notes(member));
        assertThat(e.reason()).as(member).isEqualTo(FailedAppDTO.INVALID_MANIFEST);
        assertThat(e.field()).as(member).isEqualTo(field);
        assertThat(e.slug()).isEqualTo("notes");
        assertThat(e.getMessage()).contains("'" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"io.cozy.*\"}",
                "{\"type\":\"*\"}",
                "{\"type\":\"IO.COZY.FILES\"}",
                "{\"type\":\"io.cozy/files\"}",
                "{\"type\":\"io..cozy\"}",
                "{\"type\":\"\"}",
                "{\"type\":3}",
                "{\"description\":\"no type\"}",
                "{\"type\":\"io.cozy.files\",\"verbs\":[\"READ\"]}",
                "{\"type\":\"io.cozy.files\",\"verbs\":\"GET\"}",
                "{\"type\":\"io.cozy.files\",\"values\":[\"\"]}",
                "{\"type\":\"io.cozy.files\",\"values\":\"a\"}",
                "{\"type\":\"io.cozy.files\",\"selector\":1}",
                "\"io.cozy.files\"",
                "[]"
            })
    void eachPermissionRuleIsCheckedAndNamed(String rule) {
        assertRefused("\"permissions\":{\"ok\":{\"type\":\"io.cozy.notes\"},\"bad\":" + rule + "}", "permissions.bad");
    }

    @Test
    void permissionsAreAnObject() {
        assertRefused("\"permissions\":[]", "permissions");
        assertRefused("\"permissions\":\"io.cozy.files\"", "permissions");
    }

    @Test
    void permissionsOfReservedOrThirdPartyDoctypesAreDeclarationsLikeAnyOther() throws ManifestException {
        assertThat(parse(notes("\"permissions\":{\"a\":{\"type\":\"io.cozy.permissions\"},"
                                + "\"b\":{\"type\":\"com.example.things_v2\"}}"))
                        .permissions()
                        .rules())
                .hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"routes\":[] | routes",
                "\"routes\":{\"/\":\"index.html\"} | routes./",
                "\"routes\":{\"public\":{}} | routes.public",
                "\"routes\":{\"\":{}} | routes.",
                "\"routes\":{\"//x\":{}} | routes.//x",
                "\"routes\":{\"/a//b\":{}} | routes./a//b",
                "\"routes\":{\"/a/../b\":{}} | routes./a/../b",
                "\"routes\":{\"/..\":{}} | routes./..",
                "\"routes\":{\"/a/./b\":{}} | routes./a/./b",
                "\"routes\":{\"/a\\\\b\":{}} | routes./a\\b",
                "\"routes\":{\"/\":{\"folder\":\"..\"}} | routes./.folder",
                "\"routes\":{\"/\":{\"folder\":\"/../../etc\"}} | routes./.folder",
                "\"routes\":{\"/\":{\"folder\":\"/a/../../b\"}} | routes./.folder",
                "\"routes\":{\"/\":{\"folder\":1}} | routes./.folder",
                "\"routes\":{\"/\":{\"index\":\"../secret.html\"}} | routes./.index",
                "\"routes\":{\"/\":{\"index\":\"/\"}} | routes./.index",
                "\"routes\":{\"/\":{\"index\":false}} | routes./.index",
                "\"routes\":{\"/\":{\"public\":\"true\"}} | routes./.public",
                "\"routes\":{\"/\":{\"public\":1}} | routes./.public",
                "\"routes\":{\"/a\":{},\"/a/\":{}} | routes./a/",
            })
    void routesArePlainPathsToFoldersInsideTheApp(String member, String field) {
        assertRefused(member, field);
    }

    @Test
    void routeFoldersAndIndexesAreNormalisedInsideTheApp() throws ManifestException {
        assertThat(parse(notes("\"routes\":{\"/\":{\"folder\":\"build/./www/\",\"index\":\"./app/../index.html\"},"
                                + "\"/x\":{\"folder\":\"\"},\"/y\":{\"folder\":\"a/../b\"}}"))
                        .routes())
                .containsExactly(
                        new Route("/", "/build/www", "index.html", false),
                        new Route("/x", "/", "", false),
                        new Route("/y", "/b", "", false));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"intents\":{} | intents",
                "\"intents\":[\"PICK\"] | intents[0]",
                "\"intents\":[{\"type\":[\"io.cozy.files\"],\"href\":\"/pick\"}] | intents[0].action",
                "\"intents\":[{\"action\":\"\",\"type\":[\"io.cozy.files\"],\"href\":\"/pick\"}] | intents[0].action",
                "\"intents\":[{\"action\":1,\"type\":[\"io.cozy.files\"],\"href\":\"/pick\"}] | intents[0].action",
                "\"intents\":[{\"action\":\"PICK\",\"href\":\"/pick\"}] | intents[0].type",
                "\"intents\":[{\"action\":\"PICK\",\"type\":[],\"href\":\"/pick\"}] | intents[0].type",
                "\"intents\":[{\"action\":\"PICK\",\"type\":\"io.cozy.files\",\"href\":\"/pick\"}] | intents[0].type",
                "\"intents\":[{\"action\":\"PICK\",\"type\":[\"\"],\"href\":\"/pick\"}] | intents[0].type",
                "\"intents\":[{\"action\":\"PICK\",\"type\":[2],\"href\":\"/pick\"}] | intents[0].type",
                "\"intents\":[{\"action\":\"PICK\",\"type\":[\"io.cozy.files\"]}] | intents[0].href",
                "\"intents\":[{\"action\":\"PICK\",\"type\":[\"io.cozy.files\"],\"href\":\"pick\"}] | intents[0].href",
                "\"intents\":[{\"action\":\"A\",\"type\":[\"t\"],\"href\":\"/a\"},{}] | intents[1].action",
            })
    void intentsHaveAnActionTypesAndAnHref(String member, String field) {
        assertRefused(member, field);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"services\":[] | services",
                "\"services\":{\"s\":\"s.js\"} | services.s",
                "\"services\":{\"s\":{}} | services.s.file",
                "\"services\":{\"s\":{\"file\":\"\"}} | services.s.file",
                "\"services\":{\"s\":{\"file\":\"s.js\",\"type\":1}} | services.s.type",
                "\"services\":{\"s\":{\"file\":\"s.js\",\"trigger\":[]}} | services.s.trigger",
                "\"services\":{\"s\":{\"file\":\"s.js\",\"debounce\":3}} | services.s.debounce",
            })
    void servicesNameTheirFile(String member, String field) {
        assertRefused(member, field);
    }
}

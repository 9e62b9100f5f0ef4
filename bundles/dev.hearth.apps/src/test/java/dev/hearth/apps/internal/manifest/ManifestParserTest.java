package dev.hearth.apps.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppManifest.Intent;
import dev.hearth.apps.AppManifest.Route;
import dev.hearth.apps.AppManifest.Service;
import dev.hearth.apps.AppType;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.auth.Rule;
import dev.hearth.auth.Verb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {

    static AppManifest parse(String json) throws ManifestException {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), AppType.WEBAPP);
    }

    static ManifestException refused(String json) {
        return refused(json, AppType.WEBAPP);
    }

    static ManifestException refused(String json, AppType type) {
        ManifestException e = catchThrowableOfType(
                ManifestException.class, () -> ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), type));
        assertThat(e).as("refused: %s", json).isNotNull();
        return e;
    }

    /** A valid manifest of slug {@code notes} with {@code extra} members added. */
    static String notes(String extra) {
        return "{\"slug\":\"notes\",\"version\":\"1.2.3\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void aMinimalManifestGetsCozysDefaults() throws ManifestException {
        AppManifest m = parse(notes(""));
        assertThat(m.slug()).isEqualTo("notes");
        assertThat(m.type()).isEqualTo(AppType.WEBAPP);
        assertThat(m.version()).isEqualTo("1.2.3");
        assertThat(m.name()).isEqualTo("notes");
        assertThat(m.name("fr")).isEqualTo("notes");
        assertThat(m.editor()).isEmpty();
        assertThat(m.icon()).isEmpty();
        assertThat(m.permissions().rules()).isEmpty();
        assertThat(m.routes()).containsExactly(new Route("/", "/", "index.html", false));
        assertThat(m.intents()).isEmpty();
        assertThat(m.services()).isEmpty();
    }

    @Test
    void aFullManifestIsRead() throws ManifestException {
        AppManifest m = parse("""
                {"slug": "drive", "type": "webapp", "name": "Drive", "version": "1.40.0-beta.2",
                 "editor": "Cozy", "icon": "img/icon.svg",
                 "locales": {"fr": {"name": "Fichiers", "short_description": "x"}, "en": {"description": "y"}},
                 "permissions": {
                   "files": {"type": "io.cozy.files", "description": "Your files", "verbs": ["GET", "PUT"]},
                   "bank": {"type": "io.cozy.bank.*"},
                   "jobs": {"type": "io.cozy.jobs", "verbs": ["ALL"], "values": ["thumbnail"], "selector": "worker"}},
                 "routes": {"/": {"folder": "/", "index": "index.html", "public": false},
                            "/public/": {"folder": "/public", "index": "public.html", "public": true},
                            "/assets": {"folder": "/static/assets"}},
                 "intents": [{"action": "OPEN", "type": ["io.cozy.files", "image/*"], "href": "/#/intents"}],
                 "services": {"thumbs": {"type": "node", "file": "/services/thumbs.js",
                                         "trigger": "@event io.cozy.files:CREATED", "debounce": "3m"},
                              "manual": {"file": "services/manual.js"}},
                 "notifications": {"news": {"collapsible": true}}}
                """);
        assertThat(m.name()).isEqualTo("Drive");
        assertThat(m.name("fr")).isEqualTo("Fichiers");
        assertThat(m.name("fr-FR")).isEqualTo("Fichiers");
        assertThat(m.name("fr_CA")).isEqualTo("Fichiers");
        assertThat(m.name("en")).as("an entry without a name").isEqualTo("Drive");
        assertThat(m.name("de")).isEqualTo("Drive");
        assertThat(m.version()).isEqualTo("1.40.0-beta.2");
        assertThat(m.editor()).isEqualTo("Cozy");
        assertThat(m.icon()).contains("img/icon.svg");

        List<Rule> rules = m.permissions().rules();
        assertThat(rules).extracting(Rule::title).containsExactly("files", "bank", "jobs");
        assertThat(rules.get(0).description()).isEqualTo("Your files");
        assertThat(rules.get(0).verbs()).containsExactlyInAnyOrder(Verb.GET, Verb.PUT);
        assertThat(rules.get(2).verbs()).as("ALL").isEmpty();
        assertThat(m.permissions().allowsWholeType(Verb.DELETE, "io.cozy.bank.operations"))
                .isTrue();
        assertThat(m.permissions().allowsWholeType(Verb.DELETE, "io.cozy.files"))
                .isFalse();

        assertThat(m.routes())
                .containsExactly(
                        new Route("/", "/", "index.html", false),
                        new Route("/public", "/public", "public.html", true),
                        new Route("/assets", "/static/assets", "", false));
        assertThat(m.intents()).containsExactly(new Intent("OPEN", List.of("io.cozy.files", "image/*"), "/#/intents"));
        assertThat(m.services())
                .containsExactly(
                        new Service("thumbs", "node", "/services/thumbs.js", "@event io.cozy.files:CREATED", "3m"),
                        new Service("manual", "", "services/manual.js", "", ""));
        assertThat(m.raw()
                        .path("notifications")
                        .path("news")
                        .path("collapsible")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theRawManifestIsACopyEachTime() throws ManifestException {
        AppManifest m = parse(notes("\"name\":\"Notes\""));
        m.raw().put("name", "changed");
        m.raw().remove("slug");
        assertThat(m.raw().path("name").asText()).isEqualTo("Notes");
        assertThat(m.raw().path("slug").asText()).isEqualTo("notes");
        assertThat(m.name()).isEqualTo("Notes");
    }

    @Test
    void nullMembersCountAsAbsent() throws ManifestException {
        AppManifest m = parse(notes("\"name\":null,\"editor\":null,\"icon\":null,\"type\":null,\"permissions\":null,"
                + "\"routes\":null,\"intents\":null,\"services\":null,\"locales\":null"));
        assertThat(m.name()).isEqualTo("notes");
        assertThat(m.routes()).containsExactly(new Route("/", "/", "index.html", false));
        assertThat(m.permissions().rules()).isEmpty();
    }

    @Test
    void anEmptyRouteTableMeansNoRoutes() throws ManifestException {
        assertThat(parse(notes("\"routes\":{}")).routes()).isEmpty();
    }

    @Test
    void theTypeMayBeOmittedButMustMatchTheFileName() throws ManifestException {
        assertThat(ManifestParser.parse(notes("").getBytes(StandardCharsets.UTF_8), AppType.KONNECTOR)
                        .type())
                .isEqualTo(AppType.KONNECTOR);
        assertThat(ManifestParser.parse(
                                notes("\"type\":\"konnector\",\"language\":\"node\"")
                                        .getBytes(StandardCharsets.UTF_8),
                                AppType.KONNECTOR)
                        .type())
                .isEqualTo(AppType.KONNECTOR);

        ManifestException konnectorAsWebapp = refused(notes("\"type\":\"konnector\""));
        assertThat(konnectorAsWebapp.reason()).isEqualTo(FailedAppDTO.TYPE_MISMATCH);
        assertThat(konnectorAsWebapp.field()).isEqualTo("type");
        assertThat(konnectorAsWebapp.slug()).isEqualTo("notes");
        assertThat(konnectorAsWebapp.getMessage()).contains("konnector", "manifest.webapp");

        assertThat(refused(notes("\"type\":\"webapp\""), AppType.KONNECTOR).reason())
                .isEqualTo(FailedAppDTO.TYPE_MISMATCH);
        ManifestException notAString = refused(notes("\"type\":1"));
        assertThat(notAString.reason()).isEqualTo(FailedAppDTO.INVALID_MANIFEST);
        assertThat(notAString.field()).isEqualTo("type");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"version\":\"1.0.0\"}",
                "{\"slug\":\"\",\"version\":\"1.0.0\"}",
                "{\"slug\":null,\"version\":\"1.0.0\"}",
                "{\"slug\":\"Notes\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"my notes\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"my_notes\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"notes.app\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"../notes\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"notes\\n\",\"version\":\"1.0.0\"}",
                "{\"slug\":\"caf\\u00e9\",\"version\":\"1.0.0\"}",
                "{\"slug\":42,\"version\":\"1.0.0\"}",
                "{\"slug\":[\"notes\"],\"version\":\"1.0.0\"}"
            })
    void aSlugIsLowercaseLettersDigitsAndDashes(String json) {
        ManifestException e = refused(json);
        assertThat(e.reason()).isEqualTo(FailedAppDTO.INVALID_SLUG);
        assertThat(e.field()).isEqualTo("slug");
        assertThat(e.slug()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes", "a", "0", "my-notes-2", "-", "a--b"})
    void cozySlugsAreAccepted(String slug) throws ManifestException {
        assertThat(parse("{\"slug\":\"" + slug + "\",\"version\":\"1\"}").slug())
                .isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "not json",
                "[]",
                "\"notes\"",
                "null",
                "42",
                "{\"slug\":\"notes\",",
                "{\"slug\":\"notes\",\"version\":\"1\"} {}",
                "{\"slug\":\"notes\",\"slug\":\"other\",\"version\":\"1\"}",
                "{\"slug\":\"notes\",\"version\":\"1\",\"size\":1e999}"
            })
    void anythingButOneJsonObjectIsInvalidJson(String text) {
        ManifestException e = refused(text);
        assertThat(e.reason()).isEqualTo(FailedAppDTO.INVALID_JSON);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).startsWith("the manifest is not");
    }

    @Test
    void aManifestOfMoreThanTwoMebibytesIsRefusedBeforeReading() throws ManifestException {
        String json = notes("");
        String fits = json + " ".repeat(ManifestParser.MAX_BYTES - json.length());
        assertThat(parse(fits).slug()).isEqualTo("notes");
        ManifestException e = refused(fits + " ");
        assertThat(e.reason()).isEqualTo(FailedAppDTO.MANIFEST_TOO_LARGE);
        assertThat(ManifestParser.MAX_BYTES).isEqualTo(2 * 1024 * 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"version\":\"\"", "\"version\":1", "\"version\":[\"1\"]", "\"version\":null"})
    void theVersionIsARequiredString(String member) {
        ManifestException e = refused("{\"slug\":\"notes\"" + (member.isEmpty() ? "" : "," + member) + "}");
        assertThat(e.reason()).isEqualTo(FailedAppDTO.INVALID_MANIFEST);
        assertThat(e.field()).isEqualTo("version");
        assertThat(e.slug()).as("known before the failure").isEqualTo("notes");
        assertThat(e.getMessage()).contains("'version'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name:\"name\":1",
                "editor:\"editor\":true",
                "icon:\"icon\":{}",
                "locales:\"locales\":[]",
                "locales.fr:\"locales\":{\"fr\":\"Notes\"}",
                "locales.fr.name:\"locales\":{\"fr\":{\"name\":2}}"
            })
    void descriptiveFieldsHaveTheirTypes(String fieldAndMember) {
        int colon = fieldAndMember.indexOf(':');
        ManifestException e = refused(notes(fieldAndMember.substring(colon + 1)));
        assertThat(e.reason()).isEqualTo(FailedAppDTO.INVALID_MANIFEST);
        assertThat(e.field()).isEqualTo(fieldAndMember.substring(0, colon));
    }

    @Test
    void anEmptyIconIsNoIcon() throws ManifestException {
        assertThat(parse(notes("\"icon\":\"\"")).icon()).isEmpty();
    }

    @Test
    void exceptionsNameTheAppTheyFailOn() {
        ManifestException e = refused(notes("\"routes\":{\"x\":{}}"));
        assertThat(e.slug()).isEqualTo("notes");
        assertThat(e.field()).isEqualTo("routes.x");
    }

    @Test
    void manifestsAreValues() throws ManifestException {
        assertThat(parse(notes(""))).isEqualTo(parse(notes(""))).hasSameHashCodeAs(parse(notes("")));
        assertThat(parse(notes(""))).isNotEqualTo(parse(notes("\"editor\":\"Cozy\"")));
        assertThat(parse(notes("")).toString()).isEqualTo("webapp 'notes' 1.2.3");
    }
}

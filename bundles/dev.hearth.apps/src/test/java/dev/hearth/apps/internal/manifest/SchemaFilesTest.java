package dev.hearth.apps.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.schema.JsonSchema;
import dev.hearth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaFilesTest {
    private static final String PERMISSIONS =
            "\"permissions\":{\"t\":{\"type\":\"io.cozy.todos\"},\"b\":{\"type\":\"io.cozy.bank.*\"},"
                    + "\"f\":{\"type\":\"io.cozy.files\"}}";

    private static Map<String, JsonSchema> compile(Map<String, String> files) throws Exception {
        AppManifest manifest = ManifestParserTest.parse(ManifestParserTest.notes(PERMISSIONS));
        return SchemaFiles.compile(
                manifest,
                files.keySet().stream().sorted().toList(),
                (name, atMost) -> files.get(name).getBytes(StandardCharsets.UTF_8));
    }

    private static ManifestException refused(Map<String, String> files) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> compile(files));
        assertThat(e).as("refused: %s", files).isNotNull();
        assertThat(e.reason()).isEqualTo(FailedAppDTO.INVALID_SCHEMA);
        assertThat(e.slug()).isEqualTo("notes");
        return e;
    }

    @Test
    void eachFileIsTheSchemaOfTheDoctypeItIsNamedAfter() throws Exception {
        Map<String, JsonSchema> schemas = compile(Map.of(
                "io.cozy.todos.json", "{\"required\":[\"title\"]}",
                "io.cozy.bank.operations.json", "{\"type\":\"object\"}"));
        assertThat(schemas).containsOnlyKeys("io.cozy.todos", "io.cozy.bank.operations");
        ObjectNode empty = Json.mapper().createObjectNode();
        assertThat(schemas.get("io.cozy.todos").violations(empty))
                .containsExactly("/: missing required property 'title' (required)");
    }

    @Test
    void aFaultyFileFailsTheAppWithItsNameAndReason() {
        assertThat(refused(Map.of("io.cozy.todos.json", "{\"type\":")).getMessage())
                .startsWith("'schemas/io.cozy.todos.json' is not valid JSON");
        assertThat(refused(Map.of("io.cozy.todos.json", "{\"oneOf\":[]}")).getMessage())
                .startsWith("'schemas/io.cozy.todos.json' is not a schema Hearth can enforce, at /oneOf");
        assertThat(refused(Map.of("io.cozy.notes.json", "{}")).getMessage())
                .isEqualTo("'schemas/io.cozy.notes.json' is for io.cozy.notes, which the manifest's permissions do"
                        + " not declare");
        assertThat(refused(Map.of("io.cozy.files.json", "{}")).getMessage())
                .contains("a doctype of the server that apps cannot constrain");
        assertThat(refused(Map.of("todos.txt", "{}")).getMessage()).contains("is not named <doctype>.json");
        assertThat(refused(Map.of("Bad Name.json", "{}")).getMessage()).contains("is not named after a doctype");
        assertThat(refused(Map.of("io.cozy.todos.json", " ".repeat(SchemaFiles.MAX_BYTES + 1)))
                        .getMessage())
                .contains("is larger than");
    }

    @Test
    void noSchemaFolderMeansNoSchema() throws Exception {
        assertThat(compile(Map.of())).isEmpty();
    }
}

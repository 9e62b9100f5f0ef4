package dev.hearth.apps.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.internal.registry.ListMerge.Page;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list of apps of several registries, paged with one position per registry. */
class ListMergeTest {

    @Test
    void theFirstRegistryWinsASlugAndTheCursorMovesEachRegistry() {
        Page first = new Page(List.of(app("drive", "first"), app("notes", "first")), false);
        Page second = new Page(List.of(app("banks", "second"), app("notes", "second")), true);
        List<Page> pages = new ArrayList<>(List.of(first, second));
        ObjectNode merged = ListMerge.merge(List.copyOf(pages), new long[] {0, 0}, 2, null);
        assertThat(slugs(merged)).containsExactly("banks", "drive");
        assertThat(merged.path("meta").path("next_cursor").asText())
                .as("the second registry's notes is passed over for good: the first has it")
                .isEqualTo("1|2");

        ObjectNode all = ListMerge.merge(List.copyOf(pages), new long[] {0, 0}, 10, null);
        assertThat(slugs(all)).containsExactly("banks", "drive", "notes");
        assertThat(all.path("data").get(2).path("editor").asText()).isEqualTo("first");
        assertThat(all.path("meta").path("next_cursor").asText())
                .as("the first is done; the second has more after its duplicate")
                .isEqualTo("-1|2");
    }

    @Test
    void anEmptyCursorMeansEveryRegistryIsDone() {
        ObjectNode merged =
                ListMerge.merge(List.of(new Page(List.of(app("drive", "x")), false)), new long[] {0}, 10, "-slug");
        assertThat(merged.path("meta").path("next_cursor").asText()).isEmpty();
        assertThat(merged.path("meta").path("count").asInt()).isEqualTo(1);
        assertThat(ListMerge.cursor("3|-1", 2)).containsExactly(3, -1);
        assertThat(ListMerge.cursor("junk", 2)).containsExactly(0, 0);
    }

    private static ObjectNode app(String slug, String editor) {
        ObjectNode app = Json.mapper().createObjectNode();
        app.put("slug", slug);
        app.put("editor", editor);
        return app;
    }

    private static List<String> slugs(ObjectNode list) {
        List<String> slugs = new ArrayList<>();
        for (JsonNode app : list.path("data")) {
            slugs.add(app.path("slug").asText());
        }
        return slugs;
    }
}

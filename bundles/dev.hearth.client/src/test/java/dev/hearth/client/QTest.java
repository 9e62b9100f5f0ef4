package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.client.internal.Json;
import dev.hearth.mango.MangoException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QTest {
    @Test
    void everyStepReturnsANewDefinitionAndLeavesTheOldOneAsItWas() {
        Q base = Q.of("io.cozy.todos");
        Q filtered = base.where("{\"done\":false}");
        Q sorted = filtered.sortBy("priority").select("label").limitBy(10);

        assertThat(base.selector()).isNull();
        assertThat(base.isMango()).isFalse();
        assertThat(filtered.sort()).isNull();
        assertThat(sorted.isMango()).isTrue();
        assertThat(sorted.limit()).isEqualTo(10);
        assertThat(sorted.fields()).containsExactly("label");
        assertThat(sorted.sort()).isEqualTo(Json.parse("[{\"priority\":\"asc\"}]"));
        assertThat(sorted)
                .isEqualTo(Q.of("io.cozy.todos")
                        .where("{\"done\":false}")
                        .sortBy("priority")
                        .select("label")
                        .limitBy(10));
        assertThat(sorted).isNotEqualTo(filtered);
    }

    @Test
    void aBadSelectorOrSortFailsWithTheServersError() {
        assertThatThrownBy(() -> Q.of("io.cozy.todos").where("{\"a\":{\"$nope\":1}}"))
                .isInstanceOf(MangoException.class);
        assertThatThrownBy(() -> Q.of("io.cozy.todos").sortBy(Json.parse("[{\"a\":\"asc\"},{\"b\":\"desc\"}]")))
                .isInstanceOf(MangoException.class);
        assertThatThrownBy(() -> Q.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Q.of("io.cozy.todos").limitBy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIndexHasTheSortFieldsFirstThenTheRequiredSelectorFields() {
        Plan plan = Plan.of(Q.of("io.cozy.todos")
                .where("{\"done\":false,\"tags\":{\"$exists\":false},\"priority\":{\"$gt\":1}}")
                .sortDescBy("priority", "label"));
        assertThat(plan.kind()).isEqualTo(Plan.Kind.MANGO);
        assertThat(plan.indexFields()).containsExactly("priority", "label", "done");
        assertThat(plan.indexName()).isEqualTo("by_priority_and_label_and_done");
        assertThat(plan.descending()).isTrue();
    }

    @Test
    void indexFieldsTheSelectorDoesNotRequireAreRequiredToExist() {
        Plan plan = Plan.of(
                Q.of("io.cozy.todos").where("{\"$or\":[{\"a\":1},{\"c\":2}]}").indexFields("a", "b"));
        assertThat(plan.requestSelector())
                .isEqualTo(
                        Json.parse(
                                "{\"$and\":[{\"$or\":[{\"a\":1},{\"c\":2}]},{\"a\":{\"$exists\":true}},{\"b\":{\"$exists\":true}}]}"));
        Plan noField = Plan.of(Q.of("io.cozy.todos").where("{\"$or\":[{\"a\":1},{\"b\":2}]}"));
        assertThat(noField.indexFields()).containsExactly("_id");
    }

    @Test
    void aPartialIndexHasItsOwnNameAndIsAddedToTheSelector() {
        Q q = Q.of("io.cozy.files").where("{\"size\":{\"$gt\":10}}").partialIndex("{\"trashed\":false}");
        Plan plan = Plan.of(q);
        assertThat(plan.indexName()).startsWith("by_size_filter_").hasSize("by_size_filter_".length() + 8);
        assertThat(plan.indexRequest().path("index").path("partial_filter_selector"))
                .isEqualTo(Json.parse("{\"trashed\":false}"));
        assertThat(plan.matches(Json.parse("{\"_id\":\"a\",\"size\":20,\"trashed\":true}")))
                .isFalse();
        assertThat(plan.matches(Json.parse("{\"_id\":\"a\",\"size\":20,\"trashed\":false}")))
                .isTrue();
    }

    @Test
    void contradictoryConditionsMatchNothingWithoutAskingTheServer() {
        Q q = Q.of("io.cozy.files").where("{\"size\":{\"$gt\":10}}").partialIndex("{\"size\":{\"$exists\":false}}");
        assertThat(Plan.of(q).matchesNothing()).isTrue();
        assertThat(Plan.of(q.partialIndex("{\"trashed\":false}")).matchesNothing())
                .isFalse();
    }

    @Test
    void idsAndByIdDefinitionsAreNotMango() {
        assertThat(Plan.of(Q.getById("io.cozy.todos", "t1")).kind()).isEqualTo(Plan.Kind.BY_ID);
        Plan byIds = Plan.of(Q.getByIds("io.cozy.todos", "b", "a"));
        assertThat(byIds.kind()).isEqualTo(Plan.Kind.BY_IDS);
        assertThat(byIds.evaluate(List.of(Json.object("{\"_id\":\"a\"}"), Json.object("{\"_id\":\"b\"}"))).stream()
                        .map(d -> d.path("_id").asText()))
                .containsExactly("b", "a");
    }
}

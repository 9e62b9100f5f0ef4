package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionSetTest {
    private static final PermissionSet SET =
            PermissionSet.parseScope("io.cozy.files:GET io.cozy.contacts io.cozy.bank.* io.cozy.notes:PUT:n1,n2 "
                    + "io.cozy.jobs:POST:sendmail:worker");

    @ParameterizedTest
    @CsvSource({
        "GET, io.cozy.files, true",
        "POST, io.cozy.files, false",
        "DELETE, io.cozy.contacts, true",
        "GET, io.cozy.contacts.groups, false",
        "GET, io.cozy.bank, true",
        "PATCH, io.cozy.bank.operations, true",
        "PUT, io.cozy.notes, false",
        "POST, io.cozy.jobs, false",
        "GET, io.cozy.todos, false",
    })
    void wholeTypeNeedsARuleWithoutValues(Verb verb, String doctype, boolean expected) {
        assertThat(SET.allowsWholeType(verb, doctype)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, io.cozy.notes, n1, true", "PUT, io.cozy.notes, n3, false", "GET, io.cozy.notes, n1, false",
        "GET, io.cozy.files, any, true", "POST, io.cozy.jobs, sendmail, false", "GET, io.cozy.todos, x, false",
    })
    void idAccessAcceptsValueRulesButNotSelectorRules(Verb verb, String doctype, String id, boolean expected) {
        assertThat(SET.allowsId(verb, doctype, id)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "POST, j1, sendmail, true",
        "POST, j1, konnector, false",
        "GET, j1, sendmail, false",
    })
    void documentAccessAcceptsSelectorRules(Verb verb, String id, String worker, boolean expected) {
        PermissionTarget job = RuleTest.target("io.cozy.jobs", id, List.of(worker));
        assertThat(SET.allows(verb, job)).isEqualTo(expected);
        assertThat(SET.allowsOnFields(verb, job, "worker")).isEqualTo(expected);
        assertThat(SET.allowsOnFields(verb, job, "other")).isFalse();
    }

    @Test
    void wholeTypeRulesDoNotCountForFieldAccess() {
        PermissionTarget contact = RuleTest.target("io.cozy.contacts", "c1", List.of());
        assertThat(SET.allows(Verb.GET, contact)).isTrue();
        assertThat(SET.allowsOnFields(Verb.GET, contact, "worker")).isFalse();
    }

    @Test
    void emptyAndMaximalSets() {
        assertThat(PermissionSet.empty().allowsWholeType(Verb.GET, "io.cozy.files"))
                .isFalse();
        assertThat(PermissionSet.maximal().allowsWholeType(Verb.DELETE, "io.cozy.anything"))
                .isTrue();
        assertThat(PermissionSet.maximal().isMaximal()).isTrue();
        assertThat(SET.isMaximal()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "io.cozy.files  io.cozy.contacts", "io.cozy.files ", "io.cozy.*"})
    void refusesEmptyOrMalformedScopes(String scope) {
        assertThatThrownBy(() -> PermissionSet.parseScope(scope))
                .isInstanceOf(StatusException.class)
                .hasMessage("Permission scope is empty or malformed");
    }

    @Test
    void printsItsScope() {
        assertThat(SET.toScope())
                .isEqualTo("io.cozy.files:GET io.cozy.contacts io.cozy.bank.* "
                        + "io.cozy.notes:PUT:n1,n2 io.cozy.jobs:POST:sendmail:worker");
        assertThat(PermissionSet.parseScope(SET.toScope())).isEqualTo(SET);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "io.cozy.files:GET                        | true",
                "io.cozy.files                            | false",
                "io.cozy.files:GET,POST                   | false",
                "io.cozy.files:GET:abc                    | true",
                "io.cozy.contacts:GET:c1                  | true",
                "io.cozy.contacts                         | true",
                "io.cozy.bank.accounts:DELETE             | true",
                "io.cozy.bank.accounts.*                  | true",
                "io.cozy.notes:PUT:n1                     | true",
                "io.cozy.notes:PUT                        | false",
                "io.cozy.notes:PUT:n3                     | false",
                "io.cozy.notes:PUT,GET:n1                 | false",
                "io.cozy.jobs:POST:sendmail:worker        | true",
                "io.cozy.jobs:POST:sendmail               | false",
                "io.cozy.jobs:POST:konnector:worker       | false",
                "io.cozy.todos:GET                        | false",
                "io.cozy.files:GET io.cozy.todos          | false",
            })
    void subsetsNeverGrowTheParent(String child, boolean expected) {
        assertThat(PermissionSet.parseScope(child).isSubsetOf(SET)).isEqualTo(expected);
    }

    @Test
    void theMaximalSetIsNobodysSubsetButEveryonesParent() {
        assertThat(PermissionSet.maximal().isSubsetOf(SET)).isFalse();
        assertThat(SET.isSubsetOf(PermissionSet.maximal())).isTrue();
    }

    @Test
    void roundTripsThroughJsonKeepingTitles() throws Exception {
        JsonNode json = Json.mapper().readTree("""
                {"files":{"type":"io.cozy.files","verbs":["GET"],"description":"read files"},
                 "jobs":{"type":"io.cozy.jobs","verbs":["POST"],"selector":"worker","values":["sendmail"]},
                 "all":{"type":"io.cozy.contacts","verbs":["ALL"]}}""");
        PermissionSet set = PermissionSet.fromJson(json);
        assertThat(set.rules()).extracting(Rule::title).containsExactly("files", "jobs", "all");
        assertThat(set.toScope()).isEqualTo("io.cozy.files:GET io.cozy.jobs:POST:sendmail:worker io.cozy.contacts");
        assertThat(PermissionSet.fromJson(set.toJson())).isEqualTo(set);
        assertThat(set.toJson().get("all").has("verbs")).isFalse();
        assertThat(set.toJson().get("files").get("description").asText()).isEqualTo("read files");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"r\":{}}",
                "{\"r\":{\"type\":\"io.cozy.*\"}}",
                "{\"r\":{\"type\":1}}",
                "{\"r\":{\"type\":\"io.cozy.files\",\"verbs\":[\"FETCH\"]}}",
                "{\"r\":{\"type\":\"io.cozy.files\",\"values\":\"a\"}}",
                "{\"r\":{\"type\":\"io.cozy.files\",\"values\":[1]}}",
                "{\"r\":[]}"
            })
    void refusesMalformedJsonRules(String json) throws Exception {
        JsonNode node = Json.mapper().readTree(json);
        assertThatThrownBy(() -> PermissionSet.fromJson(node)).isInstanceOf(StatusException.class);
    }
}

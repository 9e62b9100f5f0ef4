package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.StatusException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "io.cozy.files                                   | io.cozy.files",
                "io.cozy.files:ALL                               | io.cozy.files",
                "io.cozy.files:GET                               | io.cozy.files:GET",
                "io.cozy.files:DELETE,GET                        | io.cozy.files:GET,DELETE",
                "io.cozy.files:GET,POST,PUT,PATCH,DELETE         | io.cozy.files",
                "io.cozy.files:GET:io.cozy.files.music-dir       | io.cozy.files:GET:io.cozy.files.music-dir",
                "io.cozy.files:ALL:a,b                           | io.cozy.files:ALL:a,b",
                "io.cozy.jobs:POST:sendmail:worker               | io.cozy.jobs:POST:sendmail:worker",
                "io.cozy.bank.*                                  | io.cozy.bank.*",
                "com.example.things_v2:PATCH                     | com.example.things_v2:PATCH",
            })
    void parsesAndPrintsScopeRules(String scope, String printed) {
        assertThat(Rule.parse(scope).toScope()).isEqualTo(printed);
        assertThat(Rule.parse(printed)).isEqualTo(Rule.parse(scope));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "io.cozy.*",
                "*",
                "io.Cozy.files",
                "io.cozy.files:get",
                "io.cozy.files:",
                "io.cozy.files:GET:",
                "io.cozy.files:GET:a,,b",
                "io.cozy.files:GET:a:",
                "io.cozy.files:GET:a:b:c",
                "io.cozy.files:HEAD",
                "io.cozy..files",
                ".io.cozy",
                "io.cozy.files.",
                "io/cozy",
                "io.cozy.files:GET,",
                "io.*.files",
                "io.cozy.bank*"
            })
    void refusesMalformedRules(String scope) {
        assertThatThrownBy(() -> Rule.parse(scope)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Permission scope is empty or malformed");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "io.cozy.files, io.cozy.files, true",
        "io.cozy.files, io.cozy.files.versions, false",
        "io.cozy.files, io.cozy.file, false",
        "io.cozy.bank.*, io.cozy.bank, true",
        "io.cozy.bank.*, io.cozy.bank.accounts, true",
        "io.cozy.bank.*, io.cozy.bank.accounts.stats, true",
        "io.cozy.bank.*, io.cozy.banks, false",
        "io.cozy.bank.*, io.cozy.bankaccounts, false",
        "io.cozy.bank.*, io.cozy, false",
    })
    void matchesTypesExactlyOrByWildcard(String type, String doctype, boolean expected) {
        assertThat(Rule.parse(type).matchesType(doctype)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "io.cozy.files | GET | true", "io.cozy.files | DELETE | true",
                "io.cozy.files:GET | GET | true", "io.cozy.files:GET | POST | false",
                "io.cozy.files:POST,PUT | PUT | true", "io.cozy.files:POST,PUT | PATCH | false",
            })
    void grantsOnlyItsVerbs(String scope, Verb verb, boolean expected) {
        assertThat(Rule.parse(scope).allowsVerb(verb)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"GET, GET", "HEAD, GET", "post, POST", "PUT, PUT", "PATCH, PATCH", "DELETE, DELETE"})
    void mapsHttpMethodsToVerbs(String method, Verb verb) {
        assertThat(Verb.ofMethod(method)).isEqualTo(verb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS", "TRACE", "CONNECT", ""})
    void otherMethodsHaveNoVerb(String method) {
        assertThat(Verb.ofMethod(method)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "io.cozy.contacts                       | c1 | [] | true",
                "io.cozy.contacts:GET:c1,c2             | c2 | [] | true",
                "io.cozy.contacts:GET:c1,c2             | c3 | [] | false",
                "io.cozy.jobs:POST:sendmail:worker      | j1 | sendmail | true",
                "io.cozy.jobs:POST:sendmail:worker      | sendmail | konnector | false",
                "io.cozy.jobs:POST:sendmail,konnector:worker | j1 | konnector | true",
            })
    void matchesValuesByIdOrSelector(String scope, String id, String worker, boolean expected) {
        PermissionTarget target = target("io.cozy.jobs", id, "[]".equals(worker) ? List.of() : List.of(worker));
        assertThat(Rule.parse(scope).matchesValues(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.cozy.files:GET:a", "io.cozy.files:GET,POST:a,b:dir_id"})
    void keepsItsFields(String scope) {
        Rule rule = Rule.parse(scope);
        assertThat(rule.type()).isEqualTo("io.cozy.files");
        assertThat(rule.verbs()).contains(Verb.GET);
        assertThat(rule.values()).isNotEmpty();
        assertThat(rule.withTitle("files").title()).isEqualTo("files");
        assertThat(Rule.of("io.cozy.files").verbs()).isEqualTo(Set.of());
    }

    static PermissionTarget target(String doctype, String id, List<String> worker) {
        return PermissionTarget.of(doctype, id, field -> field.equals("worker") ? worker : List.of());
    }
}

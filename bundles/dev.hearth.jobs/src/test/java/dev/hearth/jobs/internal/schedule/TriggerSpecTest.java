package dev.hearth.jobs.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.common.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TriggerSpecTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private static TriggerSpec parse(String type, String args) {
        return TriggerSpec.parse(type, args, CREATED, 1);
    }

    @Test
    void atAndInFireOnce() {
        TriggerSpec at = parse("@at", "2026-03-02T08:00:00+02:00");
        assertThat(at.schedule().once()).isTrue();
        assertThat(at.schedule().next(CREATED)).isEqualTo("2026-03-02T06:00:00Z");
        assertThat(at.schedule().next(Instant.parse("2026-03-02T06:00:00Z"))).isNull();
        TriggerSpec in = parse("@in", "1h30m");
        assertThat(in.schedule().next(CREATED)).isEqualTo("2026-03-01T11:30:00Z");
    }

    @Test
    void everyCountsFromCreation() {
        TriggerSpec every = parse("@every", "1.5h");
        assertThat(every.schedule().next(CREATED)).isEqualTo("2026-03-01T11:30:00Z");
        // after a long downtime, the next fire is the next period boundary, not a backlog
        assertThat(every.schedule().next(Instant.parse("2026-03-05T00:00:00Z"))).isEqualTo("2026-03-05T01:00:00Z");
    }

    @Test
    void webhookAndClientTakeNoArguments() {
        assertThat(parse("@webhook", "").schedule()).isNull();
        assertThat(parse("@client", " ").events()).isNull();
        assertThatThrownBy(() -> parse("@webhook", "x")).hasMessageContaining("takes no arguments");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> parse("@at", "tomorrow")).hasMessageContaining("\"tomorrow\" is not an ISO-8601");
        assertThatThrownBy(() -> parse("@in", "-5m")).hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("@every", "10ms")).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> parse("@sometimes", "")).hasMessageContaining("unknown trigger type \"@sometimes\"");
        assertThatThrownBy(() -> parse("@cron", "0 0 0 * *")).hasMessageContaining("6 fields");
    }

    @Test
    void eventPartsAndMatching() {
        EventSpec spec = parse(
                        "@event",
                        "io.cozy.files:CREATED,UPDATED:image:class io.cozy.contacts io.cozy.files:UPDATED:!=:md5sum")
                .events();
        assertThat(spec.parts()).hasSize(3);
        ObjectNode image = Json.mapper().createObjectNode().put("_id", "f1").put("class", "image");
        ObjectNode pdf = Json.mapper()
                .createObjectNode()
                .put("_id", "f2")
                .put("class", "pdf")
                .put("md5sum", "x");
        EventSpec.Part first = spec.parts().get(0);
        assertThat(EventSpec.matches(first, "io.cozy.files", EventSpec.Verb.CREATED, image, null))
                .isTrue();
        assertThat(EventSpec.matches(first, "io.cozy.files", EventSpec.Verb.CREATED, pdf, null))
                .isFalse();
        assertThat(EventSpec.matches(first, "io.cozy.files", EventSpec.Verb.DELETED, image, null))
                .isFalse();
        EventSpec.Part any = spec.parts().get(1);
        assertThat(EventSpec.matches(any, "io.cozy.contacts", EventSpec.Verb.DELETED, pdf, null))
                .isTrue();
        assertThat(EventSpec.matches(any, "io.cozy.contactsx", EventSpec.Verb.DELETED, pdf, null))
                .isFalse();
        EventSpec.Part changed = spec.parts().get(2);
        assertThat(changed.changed()).isTrue();
        assertThat(EventSpec.matches(changed, "io.cozy.files", EventSpec.Verb.UPDATED, pdf, TextNode.valueOf("x")))
                .isFalse();
        assertThat(EventSpec.matches(changed, "io.cozy.files", EventSpec.Verb.UPDATED, pdf, TextNode.valueOf("y")))
                .isTrue();
        assertThat(EventSpec.matches(changed, "io.cozy.files", EventSpec.Verb.UPDATED, pdf, null))
                .isTrue();
    }

    @Test
    void eventIdsAndNestedSelectors() {
        EventSpec spec = parse("@event", "io.cozy.files:UPDATED:a,b io.cozy.bills::x:meta.kind")
                .events();
        ObjectNode b = Json.mapper().createObjectNode().put("_id", "b");
        assertThat(EventSpec.matches(spec.parts().get(0), "io.cozy.files", EventSpec.Verb.UPDATED, b, null))
                .isTrue();
        ObjectNode nested = Json.mapper().createObjectNode().put("_id", "z");
        nested.putObject("meta").putArray("kind").add("y").add("x");
        assertThat(EventSpec.matches(spec.parts().get(1), "io.cozy.bills", EventSpec.Verb.CREATED, nested, null))
                .isTrue();
    }

    @Test
    void eventErrorsNameThePart() {
        assertThatThrownBy(() -> parse("@event", "")).hasMessageContaining("at least one doctype");
        assertThatThrownBy(() -> parse("@event", "io.cozy.files:TOUCHED"))
                .hasMessageContaining("\"TOUCHED\" in \"io.cozy.files:TOUCHED\" is not a verb");
        assertThatThrownBy(() -> parse("@event", "Not A Doctype"))
                .hasMessageContaining("\"Not\" in \"Not\" is not a doctype");
        assertThatThrownBy(() -> parse("@event", "io.cozy.files:UPDATED:!=")).hasMessageContaining("needs a selector");
    }

    @Test
    void seedsAreStable() {
        assertThat(TriggerSpec.seed("abc")).isEqualTo(TriggerSpec.seed("abc")).isNotEqualTo(TriggerSpec.seed("abd"));
    }
}

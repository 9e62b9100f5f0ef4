package dev.hearth.realtime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.realtime.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Event frames: their shape, and one encoding per event for all connections. */
class FramesTest {

    private static Event event(String id) {
        ObjectNode doc = JsonNodeFactory.instance
                .objectNode()
                .put("_id", id)
                .put("_rev", "1-a")
                .put("title", "Été");
        return new Event("alice.test", Event.Verb.UPDATED, "io.cozy.todos", id, doc);
    }

    @Test
    void anEventFrameCarriesTypeIdAndTheWholeDocument() throws Exception {
        JsonNode frame = Json.mapper().readTree(new Frames().event(event("t1")).text());
        assertThat(frame.path("event").asText()).isEqualTo("UPDATED");
        assertThat(frame.path("payload").path("type").asText()).isEqualTo("io.cozy.todos");
        assertThat(frame.path("payload").path("id").asText()).isEqualTo("t1");
        assertThat(frame.path("payload").path("doc").path("_rev").asText()).isEqualTo("1-a");
        assertThat(frame.path("payload").path("doc").path("title").asText()).isEqualTo("Été");
        assertThat(frame.fieldNames()).toIterable().containsExactly("event", "payload");
    }

    @Test
    void theSameEventIsEncodedOnce() {
        Frames frames = new Frames();
        Event first = event("t1");
        Outbox.Frame frame = frames.event(first);
        assertThat(frames.event(first)).isSameAs(frame);
        assertThat(frame.bytes()).isEqualTo(frame.text().getBytes(StandardCharsets.UTF_8).length);
        Event equalButOther = event("t1");
        assertThat(frames.event(equalButOther)).isEqualTo(frame).isNotSameAs(frame);
        assertThat(frames.event(event("t2")).text()).contains("\"t2\"");
    }
}

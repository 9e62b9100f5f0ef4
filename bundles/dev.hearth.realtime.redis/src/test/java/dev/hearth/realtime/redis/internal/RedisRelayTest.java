package dev.hearth.realtime.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.EventRelay;
import dev.hearth.redis.RedisEndpoint;
import dev.hearth.redis.Resp;
import dev.hearth.test.Configs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RedisRelayTest {

    @Test
    void parsesRedisUrls() {
        assertThat(RedisEndpoint.parse("redis://10.0.0.5"))
                .isEqualTo(new RedisEndpoint("10.0.0.5", 6379, false, null, null));
        assertThat(RedisEndpoint.parse("rediss://:p%40ss@cache.example:6380"))
                .isEqualTo(new RedisEndpoint("cache.example", 6380, true, null, "p@ss"));
        assertThat(RedisEndpoint.parse("redis://hearth:secret@127.0.0.1:7000"))
                .isEqualTo(new RedisEndpoint("127.0.0.1", 7000, false, "hearth", "secret"));
        assertThat(RedisEndpoint.parse("redis://:secret@127.0.0.1:7000").toString())
                .doesNotContain("secret");
        assertThatThrownBy(() -> RedisEndpoint.parse(" ")).hasMessage("No Redis URL configured");
        assertThatThrownBy(() -> RedisEndpoint.parse("http://127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://");
    }

    @Test
    void encodesAndDecodesEvents() throws Exception {
        Event event = new Event(
                "alice.test",
                Event.Verb.DELETED,
                "io.cozy.files",
                "f1",
                JsonNodeFactory.instance.objectNode().put("_deleted", true));
        EventCodec.Received back = EventCodec.decode(EventCodec.encode("node1", event));
        assertThat(back.node()).isEqualTo("node1");
        assertThat(back.event()).isEqualTo(event);
        assertThatThrownBy(() -> EventCodec.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventCodec.decode(
                        "{\"node\":\"n\",\"domain\":\"d\",\"verb\":\"CREATED\",\"doctype\":\"t\",\"id\":1,\"doc\":{}}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("id");
    }

    @Test
    void whileRedisIsUnreachableSendingNeitherBlocksNorGrowsPastTheQueue() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RedisRelay relay = new RedisRelay(
                RedisEndpoint.parse("redis://127.0.0.1:" + port),
                "hearth:test",
                2048,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        try {
            String padding = "x".repeat(400);
            for (int i = 0; i < 20; i++) {
                relay.send(new Event(
                        "a.test",
                        Event.Verb.CREATED,
                        "io.cozy.x",
                        "e" + i,
                        JsonNodeFactory.instance.objectNode().put("p", padding)));
            }
            assertThat(relay.dropped()).isBetween(14L, 20L);
            assertThat(relay.subscribed()).isFalse();
        } finally {
            relay.stop();
        }
    }

    @Test
    void aPasswordProtectedRedisNeedsThePassword() throws Exception {
        Assumptions.assumeTrue(
                RedisServer.installed() || RedisServer.required(), "Debian's redis-server is not installed");
        try (RedisServer redis = RedisServer.start("s3cret pass")) {
            assertThatThrownBy(() -> Resp.connect(
                            RedisEndpoint.parse(redis.url().replace("s3cret", "wrong")), Duration.ofSeconds(2)))
                    .isInstanceOf(Resp.Error.class);
            EventRelay wrong = redis.relay(redis.url().replace("s3cret", "wrong"));
            EventRelay configured = new RedisRelay(
                    Configs.of(RedisRelayConfig.class, Map.of("_url", redis.url(), "channel", "hearth:test")));
            EventRelay other = redis.relay(redis.url());
            try {
                List<String> seen = new CopyOnWriteArrayList<>();
                other.deliverTo(e -> seen.add(e.id()));
                RedisServer.await(
                        () -> RedisServer.subscribed(configured) && RedisServer.subscribed(other), "the subscriptions");
                assertThat(RedisServer.subscribed(wrong)).isFalse();
                configured.send(new Event(
                        "a.test", Event.Verb.NOTIFIED, "io.cozy.x", "n1", JsonNodeFactory.instance.objectNode()));
                RedisServer.await(() -> seen.contains("n1"), "the event");
            } finally {
                ((RedisRelay) configured).stop();
            }
        }
    }
}

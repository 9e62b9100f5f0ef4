package dev.hearth.itests.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The client side of the realtime fuzzing: upgrade requests broken in one way each, command
 * frames of the io.cozy.websocket protocol (valid, invalid, of the wrong shape), and frames that
 * break RFC 6455 itself.
 */
final class WsScripts {
    static final String[] HANDSHAKES = {
        "no-protocol",
        "wrong-protocol",
        "version-8",
        "no-key",
        "bad-key",
        "no-upgrade-header",
        "upgrade-garbage",
        "post",
        "unknown-host",
        "subpath",
        "query",
        "http-1.0",
        "extensions-garbage",
        "duplicate-key"
    };
    static final String[] VIOLATIONS = {
        "bad-opcode",
        "rsv-bits",
        "unmasked",
        "fragmented-control",
        "control-too-long",
        "orphan-continuation",
        "interleaved-data",
        "invalid-utf8-text",
        "invalid-utf8-fragmented",
        "oversized",
        "oversized-fragmented",
        "huge-length",
        "close-bad-code",
        "close-1-byte",
        "close-bad-reason"
    };
    private static final String[] DOCTYPES = {
        "io.cozy.fuzz.a",
        "io.cozy.fuzz.b",
        "io.cozy.x",
        "io.cozy.fuzz.unscoped",
        "io.cozy.permissions",
        "io.cozy.files.thumbnails",
        "io.cozy.sharings.initial_sync",
        "IO.COZY.X",
        "",
        "a/b",
        "io.cozy.*",
        "\u0000",
        "x".repeat(300)
    };

    private final FuzzTarget target;

    WsScripts(FuzzTarget target) {
        this.target = target;
    }

    /** An upgrade request broken in the named way. */
    String handshake(String kind, String key) {
        String host = target.domain;
        String valid = WebSocketClient.upgrade(host, key);
        return switch (kind) {
            case "no-protocol" -> valid.replace("Sec-WebSocket-Protocol: io.cozy.websocket\r\n", "");
            case "wrong-protocol" -> valid.replace("io.cozy.websocket", "chat, superchat");
            case "version-8" -> valid.replace("Version: 13", "Version: 8");
            case "no-key" -> valid.replace("Sec-WebSocket-Key: " + key + "\r\n", "");
            case "bad-key" -> valid.replace(key, "\u00ff\u0001not-base64");
            case "no-upgrade-header" -> valid.replace("Upgrade: websocket\r\n", "");
            case "upgrade-garbage" -> valid.replace("Upgrade: websocket", "Upgrade: h2c, \u00ff");
            case "post" -> valid.replace("GET /realtime/", "POST /realtime/");
            case "unknown-host" -> valid.replace(host, "nope.localhost:" + target.publicPort);
            case "subpath" -> valid.replace("GET /realtime/", "GET /realtime/io.cozy.fuzz.a/x");
            case "query" -> valid.replace("GET /realtime/", "GET /realtime/?x=%ff&%00");
            case "http-1.0" -> valid.replace("HTTP/1.1", "HTTP/1.0");
            case "extensions-garbage" ->
                valid.replace(
                        "\r\n\r\n", "\r\nSec-WebSocket-Extensions: x-\u00ff; client_max_window_bits=99, ;;\r\n\r\n");
            default -> valid.replace("\r\n\r\n", "\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n");
        };
    }

    /** A valid AUTH frame with a token a realtime client may use (CLI or OAuth access). */
    String auth(Random random) {
        String token = random.nextBoolean() ? target.cliToken : target.accessToken;
        return "{\"method\":\"AUTH\",\"payload\":\"" + token + "\"}";
    }

    /** An AUTH that must be refused. */
    String badAuth(Random random) {
        return ParamValues.pick(
                random,
                "{\"method\":\"AUTH\",\"payload\":\"" + target.expiredToken + "\"}",
                "{\"method\":\"AUTH\",\"payload\":\"" + target.victimToken + "\"}",
                "{\"method\":\"AUTH\",\"payload\":\"garbage\"}",
                "{\"method\":\"AUTH\"}",
                // The share has a password: its token alone, without the password's cookie, must be refused.
                "{\"method\":\"AUTH\",\"payload\":\"" + target.shareToken + "\"}",
                "{\"method\":\"AUTH\",\"payload\":{\"token\":1}}",
                "{\"method\":\"AUTH\",\"payload\":\"\"}",
                "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.fuzz.a\"}}",
                "[]",
                "not json",
                "",
                "{\"method\":\"auth\",\"payload\":\"a.b.c\"}");
    }

    /** Any command, well-formed or not. */
    String command(Random random) {
        String type = DOCTYPES[random.nextInt(DOCTYPES.length)];
        String id = ParamValues.pick(
                random, "", ",\"id\":\"doc-1\"", ",\"id\":1", ",\"id\":null", ",\"id\":[\"x\"]", ",\"id\":\"\u0000\"");
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"" + type + "\"" + id + "}}";
            case 3 -> "{\"method\":\"UNSUBSCRIBE\",\"payload\":{\"type\":\"" + type + "\"" + id + "}}";
            case 4 -> random.nextBoolean() ? auth(random) : badAuth(random);
            case 5 ->
                ParamValues.pick(
                        random,
                        "{\"method\":\"PING\"}",
                        "{\"method\":\"\"}",
                        "{\"method\":1}",
                        "{\"method\":\"subscribe\",\"payload\":{\"type\":\"io.cozy.fuzz.a\"}}",
                        "{\"payload\":{}}");
            case 6 ->
                ParamValues.pick(
                        random,
                        "[]",
                        "1",
                        "null",
                        "\"AUTH\"",
                        "{",
                        "{}",
                        "{\"method\":\"SUBSCRIBE\"}",
                        "{\"method\":\"SUBSCRIBE\",\"payload\":\"io.cozy.fuzz.a\"}");
            case 7 -> "[".repeat(400) + "]".repeat(400);
            case 8 ->
                "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.fuzz.a\",\"extra\":\""
                        + "e".repeat(random.nextInt(900)) + "\"}}";
            default -> "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.fuzz.a\"},\"method\":\"AUTH\"}";
        };
    }

    /** Sends a frame sequence that breaks RFC 6455 in the named way. */
    static void violate(WebSocketClient ws, String kind, Random random) throws IOException {
        byte[] json =
                "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.fuzz.a\"}}".getBytes(StandardCharsets.UTF_8);
        switch (kind) {
            case "bad-opcode" ->
                ws.send(true, 0, new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}[random.nextInt(10)], true, json);
            case "rsv-bits" -> ws.send(true, 1 + random.nextInt(7), 1, true, json);
            case "unmasked" -> ws.send(true, 0, 1, false, json);
            case "fragmented-control" -> ws.send(false, 0, 9, true, "ping".getBytes(StandardCharsets.UTF_8));
            case "control-too-long" -> ws.send(true, 0, 9, true, new byte[126]);
            case "orphan-continuation" -> ws.send(true, 0, 0, true, json);
            case "interleaved-data" -> {
                ws.send(false, 0, 1, true, "{\"method\":".getBytes(StandardCharsets.UTF_8));
                ws.send(true, 0, 1, true, json);
            }
            case "invalid-utf8-text" -> ws.send(true, 0, 1, true, new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"'});
            case "invalid-utf8-fragmented" -> {
                ws.send(false, 0, 1, true, new byte[] {'"', (byte) 0xe2, (byte) 0x82});
                ws.send(true, 0, 0, true, new byte[] {'x', '"'});
            }
            case "oversized" ->
                ws.text("{\"method\":\"AUTH\",\"payload\":\"" + "o".repeat(1_025 + random.nextInt(70_000)) + "\"}");
            case "oversized-fragmented" -> {
                ws.send(false, 0, 1, true, "{\"method\":\"AUTH\",\"payload\":\"".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 40; i++) {
                    ws.send(false, 0, 0, true, "f".repeat(100).getBytes(StandardCharsets.UTF_8));
                }
                ws.send(true, 0, 0, true, "\"}".getBytes(StandardCharsets.UTF_8));
            }
            // A masked text frame announcing 2^62 bytes, of which three come.
            case "huge-length" ->
                ws.raw(new byte[] {
                    (byte) 0x81,
                    (byte) 0xFF,
                    0x3F,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    1,
                    2,
                    3,
                    4,
                    'x',
                    'y',
                    'z'
                });
            case "close-bad-code" -> {
                int code = new int[] {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535}[random.nextInt(9)];
                ws.send(true, 0, 8, true, new byte[] {(byte) (code >> 8), (byte) code});
            }
            case "close-1-byte" -> ws.send(true, 0, 8, true, new byte[] {3});
            default -> ws.send(true, 0, 8, true, new byte[] {3, (byte) 0xE8, (byte) 0xff, (byte) 0xc0});
        }
    }
}

package dev.hearth.itests.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * What every frame from the server must be (RFC 6455 and cozy-api.md 2.8): unmasked, of a
 * defined opcode, without reserved bits (no extension is negotiated); text frames are JSON
 * objects with an {@code event}; a close frame carries a valid code, never 1011 (the server
 * failed), and a UTF-8 reason.
 */
final class FrameOracle {
    /** Close codes a server may send (RFC 6455 7.4.1), plus the registered and private ranges. */
    private static final Set<Integer> CLOSE_CODES =
            Set.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1012, 1013, 1014);

    private FrameOracle() {}

    /** The problem with a server frame, or null. */
    static String problem(WebSocketClient.Frame f) {
        if (f.isEnd()) {
            return null;
        }
        if (f.masked()) {
            return "masked server frame";
        }
        if (f.rsv() != 0) {
            return "server frame with reserved bits";
        }
        return switch (f.opcode()) {
            case 1 -> textProblem(f);
            case 2 -> "binary frame from the server";
            case 8 -> closeProblem(f);
            case 9, 10 -> f.payload().length > 125 ? "control frame over 125 bytes" : null;
            case 0 -> null;
            default -> "server frame with opcode " + f.opcode();
        };
    }

    private static String textProblem(WebSocketClient.Frame f) {
        if (!f.fin()) {
            return null;
        }
        if (!utf8(f.payload())) {
            return "text frame that is not UTF-8";
        }
        if (!Oracle.isJson(f.payload())) {
            return "text frame that is not JSON";
        }
        String text = f.text().stripLeading();
        return text.startsWith("{") && text.contains("\"event\"") ? null : "text frame without an event";
    }

    private static String closeProblem(WebSocketClient.Frame f) {
        if (f.payload().length == 1) {
            return "close frame with a 1-byte payload";
        }
        if (f.payload().length == 0) {
            return null;
        }
        int code = f.closeCode();
        if (code == 1011) {
            return "close 1011 (server error)";
        }
        if (!CLOSE_CODES.contains(code) && (code < 3000 || code > 4999)) {
            return "close with invalid code " + code;
        }
        byte[] reason = Arrays.copyOfRange(f.payload(), 2, f.payload().length);
        return utf8(reason) ? null : "close reason that is not UTF-8";
    }

    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

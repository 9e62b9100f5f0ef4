package dev.hearth.js.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's stdout and stderr: counts bytes against the output budget, splits lines, and turns
 * each stdout line that is a JSON object with a {@code type} into an {@link OutputEvent}.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Output.class);
    private static final int MAX_LINE = 64 * 1024;

    private final RunHost host;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final List<OutputEvent> events = new ArrayList<>();

    Output(RunHost host) {
        this.host = host;
    }

    /** Bytes the text counts for against the output budget. */
    static long size(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    void write(boolean toStderr, String text) {
        StringBuilder buffer = toStderr ? stderr : stdout;
        buffer.append(text);
        int start = 0;
        for (int nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n", start)) {
            line(toStderr, buffer.substring(start, nl));
            start = nl + 1;
        }
        buffer.delete(0, start);
        if (buffer.length() > MAX_LINE) {
            line(toStderr, buffer.toString());
            buffer.setLength(0);
        }
    }

    /** Delivers the last lines that had no newline. */
    void flush() {
        if (!stdout.isEmpty()) {
            line(false, stdout.toString());
            stdout.setLength(0);
        }
        if (!stderr.isEmpty()) {
            line(true, stderr.toString());
            stderr.setLength(0);
        }
    }

    List<OutputEvent> events() {
        return events;
    }

    private void line(boolean toStderr, String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        OutputEvent event = toStderr ? null : parse(text);
        try {
            if (event != null) {
                events.add(event);
                host.event(event);
            } else {
                host.log(toStderr ? "stderr" : "stdout", text);
            }
        } catch (RuntimeException e) {
            LOG.warn("The run's host refused an output line", e);
        }
    }

    static OutputEvent parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            JsonNode type = node == null ? null : node.get("type");
            if (type == null || !type.isTextual()) {
                return null;
            }
            JsonNode m = node.get("message");
            String message = m == null || m.isNull() ? "" : m.isTextual() ? m.asText() : m.toString();
            if (message.length() > OutputEvent.MAX_MESSAGE) {
                message = message.substring(0, OutputEvent.MAX_MESSAGE);
            }
            JsonNode noRetry = node.get("no_retry");
            return new OutputEvent(type.asText(), message, noRetry != null && noRetry.asBoolean(false), trimmed);
        } catch (Exception e) {
            return null;
        }
    }
}

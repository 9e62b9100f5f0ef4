package dev.hearth.apps.http.internal;

import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The progress of an installation or an update as {@code text/event-stream}, as cozy-stack sends
 * it to a client that asks for it with exactly {@code Accept: text/event-stream} ({@code
 * registry-apps.md} 4.1): 200 at once, one {@code state} event with the app as it starts, a
 * comment every 10 seconds while it works, then the app as it ends, or one {@code error} event
 * with the message as a JSON string. Frames end with CRLF.
 */
final class InstallStream {
    static final String MEDIA_TYPE = "text/event-stream";
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("install-heartbeat").factory());

    private final OutputStream out;

    private InstallStream(OutputStream out) {
        this.out = out;
    }

    /** Whether the client asked for the stream. */
    static boolean wanted(String accept) {
        return MEDIA_TYPE.equals(accept);
    }

    /**
     * Streams the work: {@code starting} first, then what {@code work} gives, or its error.
     *
     * @param starting the app as the work starts ({@code installing} or {@code upgrading})
     */
    static void run(HttpServletResponse resp, Document starting, Supplier<Document> work) throws IOException {
        resp.setStatus(200);
        resp.setContentType(MEDIA_TYPE);
        resp.setHeader("Cache-Control", "no-cache");
        InstallStream stream = new InstallStream(resp.getOutputStream());
        stream.event("state", Json.bytes(starting));
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleAtFixedRate(stream::heartbeat, 10, 10, TimeUnit.SECONDS);
        try {
            Document done = work.get();
            heartbeat.cancel(false);
            stream.event("state", Json.bytes(done));
        } catch (HearthException e) {
            heartbeat.cancel(false);
            stream.event("error", Json.bytes(e.getMessage()));
        } finally {
            heartbeat.cancel(false);
        }
    }

    private synchronized void event(String name, byte[] data) throws IOException {
        out.write(("event: " + name + "\r\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write("\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private synchronized void heartbeat() {
        try {
            out.write(": still working\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client left; the work goes on and its result stays in the app's document
        }
    }
}

package dev.hearth.js.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Source;

/**
 * The web platform of a run, written in JavaScript ({@code platform/*.js} in this bundle): one
 * source that evaluates to {@code host => start}, which installs the globals and hides the
 * engine's own, and answers {@code start(envJson, main)}, which sets the run's environment and
 * runs its main module. Installing needs nothing of the run, so it can happen before the run is
 * known. The source is cached, so the shared engine parses it once.
 */
final class Platform {
    private static final List<String> PARTS =
            List.of("prelude.js", "text.js", "url.js", "web.js", "fetch.js", "node.js", "start.js");
    private static volatile Source source;

    private Platform() {}

    static Source source() {
        Source s = source;
        if (s == null) {
            StringBuilder text = new StringBuilder("(function (host) {\n'use strict';\n");
            for (String part : PARTS) {
                text.append(read(part)).append('\n');
            }
            text.append("})");
            s = Source.newBuilder("js", text.toString(), "hearth-platform.js")
                    .cached(true)
                    .buildLiteral();
            source = s;
        }
        return s;
    }

    private static String read(String name) {
        try (InputStream in = Platform.class.getResourceAsStream("platform/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing platform/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

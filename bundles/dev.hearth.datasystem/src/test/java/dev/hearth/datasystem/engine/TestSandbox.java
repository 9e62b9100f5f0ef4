package dev.hearth.datasystem.engine;

import dev.hearth.js.JsSandbox;
import dev.hearth.js.internal.JsSandboxImpl;
import java.lang.annotation.Annotation;

/** A real JavaScript sandbox for the engines' view tests, shared by the test JVM. */
public final class TestSandbox {
    public static final JsSandbox SANDBOX = new JsSandboxImpl(new JsSandboxImpl.Config() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return JsSandboxImpl.Config.class;
        }

        @Override
        public int maxConcurrentRuns() {
            return 4;
        }

        @Override
        public int stackKilobytes() {
            return 4096;
        }

        @Override
        public int watchdogMillis() {
            return 5;
        }

        @Override
        public String[] trustedAddresses() {
            return new String[0];
        }

        @Override
        public int preparedContexts() {
            return 2;
        }
    });

    private TestSandbox() {}
}

package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class Utf8TypeTest {

    @Test
    void stringsSurviveTheRoundTripWhateverTheirScript() {
        String[] values = {"", "io.cozy.files", "été", "日本語", "😀 emoji", "a\u0000b"};
        WriteBuffer out = new WriteBuffer();
        for (String v : values) {
            Utf8Type.INSTANCE.write(out, v);
        }
        ByteBuffer in = out.getBuffer();
        in.flip();
        for (String v : values) {
            assertThat(Utf8Type.INSTANCE.read(in)).isEqualTo(v);
        }
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void readsFromBuffersWithoutABackingArray() {
        WriteBuffer out = new WriteBuffer();
        Utf8Type.INSTANCE.write(out, "clé");
        ByteBuffer heap = out.getBuffer().flip();
        ByteBuffer direct =
                ByteBuffer.allocateDirect(heap.remaining()).put(heap).flip();
        assertThat(Utf8Type.INSTANCE.read(direct)).isEqualTo("clé");
    }

    @Test
    void ordersAsStrings() {
        assertThat(Utf8Type.INSTANCE.compare("a", "b")).isNegative();
        assertThat(Utf8Type.INSTANCE.compare("b", "a")).isPositive();
        assertThat(Utf8Type.INSTANCE.compare("é", "é")).isZero();
    }
}

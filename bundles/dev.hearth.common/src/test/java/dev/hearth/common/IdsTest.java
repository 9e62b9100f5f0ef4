package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.id.Ids;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAre32LowercaseHexCharacters() {
        assertThat(Ids.newId()).matches("[0-9a-f]{32}");
    }

    @Test
    void idsMadeLaterSortAfter() throws InterruptedException {
        String first = Ids.newId();
        Thread.sleep(2);
        String second = Ids.newId();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void idsMadeInTheSameMillisecondStillDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newId());
        }
        assertThat(ids).hasSize(10_000);
    }
}

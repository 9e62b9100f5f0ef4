package dev.hearth.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static List<String> drain(FairQueue q) {
        List<String> out = new ArrayList<>();
        FairQueue.Entry e;
        while ((e = q.poll()) != null) {
            out.add(e.domain() + ":" + e.id());
        }
        return out;
    }

    @Test
    void instancesTakeTurnsAndANewcomerGoesNext() {
        FairQueue q = new FairQueue();
        for (int i = 0; i < 1000; i++) {
            q.add("a", "a" + i);
        }
        q.add("b", "b0");
        q.add("b", "b1");
        assertThat(q.size()).isEqualTo(1002);
        assertThat(q.sizes()).containsEntry("a", 1000).containsEntry("b", 2);
        assertThat(q.poll()).isEqualTo(new FairQueue.Entry("b", "b0"));
        assertThat(q.poll()).isEqualTo(new FairQueue.Entry("a", "a0"));
        assertThat(q.poll()).isEqualTo(new FairQueue.Entry("b", "b1"));
        q.add("c", "c0");
        assertThat(drain(q).subList(0, 3)).containsExactly("c:c0", "a:a1", "a:a2");
        assertThat(q.size()).isZero();
    }

    @Test
    void removingAnInstanceDropsItsJobsOnly() {
        FairQueue q = new FairQueue();
        q.add("a", "1");
        q.add("b", "2");
        q.add("a", "3");
        assertThat(q.removeDomain("a")).containsExactly("1", "3");
        assertThat(drain(q)).containsExactly("b:2");
    }

    private static List<String> ids(List<FairQueue.Entry> batch) {
        return batch.stream().map(e -> e.domain() + ":" + e.id()).toList();
    }

    @Test
    void batchesTakeOneInstanceAtATurnAndANewcomerWaitsForOneBatchAtMost() {
        FairQueue q = new FairQueue();
        for (int i = 0; i < 100; i++) {
            q.add("a", "a" + i);
        }
        assertThat(ids(q.poll(3))).containsExactly("a:a0", "a:a1", "a:a2");
        q.add("b", "b0");
        q.add("b", "b1");
        assertThat(ids(q.poll(3)))
                .as("the newcomer's whole batch, fewer than asked")
                .containsExactly("b:b0", "b:b1");
        q.add("c", "c0");
        assertThat(ids(q.poll(3))).containsExactly("c:c0");
        assertThat(ids(q.poll(3))).containsExactly("a:a3", "a:a4", "a:a5");
        assertThat(q.size()).isEqualTo(94);
        assertThat(q.poll(100)).hasSize(94);
        assertThat(q.poll(3)).isEmpty();
        assertThat(q.size()).isZero();
    }
}

package dev.hearth.mango;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Randomized (fixed seed) checks that the comparator is a total order and that the key bytes agree with it. */
class CollationPropertyTest {
    private record Keyed(JsonNode value, byte[] key) {}

    @Test
    void sortingByComparatorAndByKeyBytesGiveTheSameOrder() {
        RandomJson random = new RandomJson(20260101L);
        List<Keyed> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            JsonNode value = random.value(3);
            values.add(new Keyed(value, IndexKeys.encode(value)));
        }
        List<Keyed> byComparator = new ArrayList<>(values);
        byComparator.sort(Comparator.comparing(Keyed::value, Collation.comparator()));
        List<Keyed> byKeys = new ArrayList<>(values);
        byKeys.sort(Comparator.comparing(Keyed::key, IndexKeys.comparator()));
        for (int i = 0; i < values.size(); i++) {
            // equal values may sit in either order, so compare the sorted sequences up to ties
            assertThat(Collation.compare(
                            byComparator.get(i).value(), byKeys.get(i).value()))
                    .as(
                            "position %d: %s vs %s",
                            i, byComparator.get(i).value(), byKeys.get(i).value())
                    .isZero();
        }
        for (int i = 1; i < byComparator.size(); i++) {
            assertThat(Arrays.compareUnsigned(
                            byComparator.get(i - 1).key(), byComparator.get(i).key()))
                    .as("keys out of order at %d", i)
                    .isLessThanOrEqualTo(0);
        }
    }

    @Test
    void comparatorAndKeysAgreePairwise() {
        RandomJson random = new RandomJson(42L);
        for (int i = 0; i < 50_000; i++) {
            JsonNode a = random.value(2);
            JsonNode b = random.random().nextInt(5) == 0 ? a.deepCopy() : random.value(2);
            int c = Collation.compare(a, b);
            assertThat(Collation.compare(b, a))
                    .as("antisymmetry of %s and %s", a, b)
                    .isEqualTo(-c);
            int k = Integer.signum(Arrays.compareUnsigned(IndexKeys.encode(a), IndexKeys.encode(b)));
            assertThat(k).as("keys of %s and %s", a, b).isEqualTo(c);
        }
    }

    @Test
    void compoundKeysCompareElementByElement() {
        RandomJson random = new RandomJson(7L);
        for (int i = 0; i < 20_000; i++) {
            List<JsonNode> a = tuple(random);
            List<JsonNode> b = random.random().nextInt(4) == 0 ? extend(a, random) : tuple(random);
            int expected = compareTuples(a, b);
            int actual = Integer.signum(Arrays.compareUnsigned(IndexKeys.encode(a), IndexKeys.encode(b)));
            assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    @Test
    void stringsWithAPrefixSortBelowThePrefixFollowedByUffff() {
        RandomJson random = new RandomJson(99L);
        for (int i = 0; i < 20_000; i++) {
            String prefix = random.string();
            String suffix = random.string();
            if (suffix.contains("\uffff")) {
                continue;
            }
            assertThat(Collation.compareStrings(prefix, prefix + suffix)).isLessThanOrEqualTo(0);
            assertThat(Collation.compareStrings(prefix + suffix, prefix + "\uffff"))
                    .as("%s + %s", prefix, suffix)
                    .isNegative();
        }
    }

    private static List<JsonNode> tuple(RandomJson random) {
        List<JsonNode> tuple = new ArrayList<>();
        int size = random.random().nextInt(4);
        for (int i = 0; i < size; i++) {
            tuple.add(random.value(1));
        }
        return tuple;
    }

    private static List<JsonNode> extend(List<JsonNode> tuple, RandomJson random) {
        List<JsonNode> longer = new ArrayList<>(tuple);
        longer.add(random.value(1));
        return longer;
    }

    private static int compareTuples(List<JsonNode> a, List<JsonNode> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Collation.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

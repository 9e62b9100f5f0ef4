package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void scalarsHaveOneTagByte() {
        assertThat(hex(json("null"))).isEqualTo("10");
        assertThat(hex(json("false"))).isEqualTo("20");
        assertThat(hex(json("true"))).isEqualTo("30");
        assertThat(hex(json("[]"))).isEqualTo("6000");
        assertThat(hex(json("{}"))).isEqualTo("7000");
    }

    @Test
    void numbersAreEncodedByDecimalValue() {
        // tag, positive class, exponent 1 (0x81), digits "1" as one byte 1 + 10 = 0x0b, terminator
        assertThat(hex(json("1"))).isEqualTo("4004810b00");
        assertThat(hex(json("0"))).isEqualTo("4003");
        assertThat(hex(json("-1"))).isEqualTo("40027ef4ff");
        // 1, 1.0, 1.00 and 1E0 are the same number
        for (JsonNode one : List.of(
                json("1.0"),
                LongNode.valueOf(1),
                DecimalNode.valueOf(new BigDecimal("1.00")),
                new BigIntegerNode(BigInteger.ONE),
                DecimalNode.valueOf(new BigDecimal("1E0")))) {
            assertThat(hex(one)).as("%s", one).isEqualTo("4004810b00");
        }
        // 0.1 as a double is the decimal 0.1 (its shortest representation)
        assertThat(IndexKeys.encode(json("0.1")))
                .isEqualTo(IndexKeys.encode(DecimalNode.valueOf(new BigDecimal("0.1"))));
        assertThat(hex(json("-0.0"))).isEqualTo("4003");
    }

    @Test
    void numbersKeepTheirOrderAcrossExponentSizes() {
        List<JsonNode> ascending = new ArrayList<>();
        for (String s : List.of(
                "-1e1000",
                "-1e200",
                "-1e128",
                "-1e127",
                "-1e64",
                "-1e63",
                "-12",
                "-1.5",
                "-1",
                "-1e-63",
                "-1e-64",
                "-1e-65",
                "-1e-128",
                "-1e-129",
                "-1e-1000",
                "0",
                "1e-1000",
                "1e-129",
                "1e-128",
                "1e-65",
                "1e-64",
                "1e-63",
                "0.99",
                "1",
                "1.01",
                "1.5",
                "12",
                "99",
                "100",
                "1e62",
                "1e63",
                "1e64",
                "1e127",
                "1e128",
                "1e255",
                "1e256",
                "1e1000",
                "1e100000")) {
            ascending.add(DecimalNode.valueOf(new BigDecimal(s)));
        }
        ascending.add(0, DoubleNode.valueOf(Double.NEGATIVE_INFINITY));
        ascending.add(DoubleNode.valueOf(Double.POSITIVE_INFINITY));
        ascending.add(DoubleNode.valueOf(Double.NaN));
        assertStrictlyIncreasing(ascending);
    }

    @Test
    void digitsCompareAsAPrefixFreeSequence() {
        assertStrictlyIncreasing(List.of(json("0.12"), json("0.125"), json("0.12501"), json("0.1251"), json("0.13")));
        assertStrictlyIncreasing(
                List.of(json("-0.13"), json("-0.1251"), json("-0.12501"), json("-0.125"), json("-0.12")));
    }

    @Test
    void stringsUseTheCollationKeyAndAreSelfDelimiting() {
        // "": the collation key is two separator units, written as tokens 0x01 0x01
        assertThat(hex(json("''"))).isEqualTo("50010100");
        // "a": units 00a3 (primary), 0000, 0001 (secondary), 0000, 0001 (tertiary)
        assertThat(hex(json("'a'"))).isEqualTo("5080240102010200");
        assertThat(hex(json("'A'"))).isEqualTo("5080240102010400");
        assertStrictlyIncreasing(List.of(json("['a', 'b']"), json("['a ']"), json("['ab']")));
        assertThat(IndexKeys.encode(json("'\u00e9'"))).isEqualTo(IndexKeys.encode(json("'e\u0301'")));
    }

    @Test
    void objectMembersAreKeyThenValue() {
        assertStrictlyIncreasing(List.of(
                json("{}"),
                json("{'': 1}"),
                json("{a: null}"),
                json("{a: 1}"),
                json("{a: 1, b: 1}"),
                json("{a: 2}"),
                json("{A: 0}"),
                json("{b: 0}")));
    }

    @Test
    void compoundKeysAreConcatenatedAndPrefixesSortFirst() {
        List<JsonNode> a = List.of(json("'x'"), json("1"));
        byte[] key = IndexKeys.encode(a);
        assertThat(key).isEqualTo(concat(IndexKeys.encode(json("'x'")), IndexKeys.encode(json("1"))));
        assertStrictlyIncreasing(
                List.of(),
                List.of(json("null")),
                List.of(json("'x'")),
                List.of(json("'x'"), json("null")),
                List.of(json("'x'"), json("1")),
                List.of(json("'x'"), json("1"), json("[]")),
                List.of(json("'x'"), json("'a'")),
                List.of(json("'y'")));
    }

    @Test
    void prefixUpperBoundIsTheSmallestKeyAfterAllExtensions() {
        assertThat(IndexKeys.prefixUpperBound(HEX.parseHex("50aa"))).isEqualTo(HEX.parseHex("50ab"));
        assertThat(IndexKeys.prefixUpperBound(HEX.parseHex("50aaffff"))).isEqualTo(HEX.parseHex("50ab"));
        assertThat(IndexKeys.prefixUpperBound(new byte[0])).isEqualTo(IndexKeys.highest());
        byte[] prefix = IndexKeys.encode(List.of(json("'x'")));
        byte[] bound = IndexKeys.prefixUpperBound(prefix);
        for (JsonNode second : List.of(json("null"), json("1"), json("'zzz'"), json("{z: [1]}"))) {
            byte[] extended = IndexKeys.encode(List.of(json("'x'"), second));
            assertThat(Arrays.compareUnsigned(extended, bound)).isNegative();
        }
        assertThat(Arrays.compareUnsigned(IndexKeys.encode(List.of(json("'x '"))), bound))
                .isPositive();
        assertThat(Arrays.compareUnsigned(IndexKeys.encode(List.of(json("'y'"))), bound))
                .isPositive();
    }

    @Test
    void lowestHighestAndTypeBoundsEncloseEveryKey() {
        RandomJson random = new RandomJson(5L);
        for (int i = 0; i < 5000; i++) {
            JsonNode value = random.value(2);
            byte[] key = IndexKeys.encode(value);
            JsonType type = JsonType.of(value);
            assertThat(Arrays.compareUnsigned(IndexKeys.lowest(), key)).isLessThanOrEqualTo(0);
            assertThat(Arrays.compareUnsigned(key, IndexKeys.highest())).isNegative();
            for (JsonType other : JsonType.values()) {
                boolean inside = Arrays.compareUnsigned(IndexKeys.typeLowerBound(other), key) <= 0
                        && Arrays.compareUnsigned(key, IndexKeys.typeUpperBound(other)) < 0;
                assertThat(inside).as("%s in %s range", value, other).isEqualTo(other == type);
            }
        }
    }

    private static void assertStrictlyIncreasing(List<JsonNode> values) {
        for (int i = 1; i < values.size(); i++) {
            assertThat(Collation.compare(values.get(i - 1), values.get(i)))
                    .as("%s < %s", values.get(i - 1), values.get(i))
                    .isNegative();
            assertThat(Arrays.compareUnsigned(IndexKeys.encode(values.get(i - 1)), IndexKeys.encode(values.get(i))))
                    .as("key(%s) < key(%s)", values.get(i - 1), values.get(i))
                    .isNegative();
        }
    }

    @SafeVarargs
    private static void assertStrictlyIncreasing(List<JsonNode>... keys) {
        for (int i = 1; i < keys.length; i++) {
            assertThat(IndexKeys.comparator().compare(IndexKeys.encode(keys[i - 1]), IndexKeys.encode(keys[i])))
                    .as("%s < %s", keys[i - 1], keys[i])
                    .isNegative();
        }
    }

    private static String hex(JsonNode value) {
        return HEX.formatHex(IndexKeys.encode(value));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}

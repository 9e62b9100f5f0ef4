package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table of values in CouchDB collation order. Each row is a group of values that collate
 * equal; rows are strictly increasing. Both {@link Collation#compare} and the byte order of
 * {@link IndexKeys#encode(JsonNode)} must agree with the table, for every pair.
 */
class CollationTest {
    private static final List<List<JsonNode>> TABLE = List.of(
            // special values sort before all other types
            group("null"),
            group("false"),
            group("true"),
            // then numbers, by value whatever the representation
            List.of(DoubleNode.valueOf(Double.NEGATIVE_INFINITY)),
            group("-1e300"),
            List.of(new BigIntegerNode(new BigInteger("-123456789012345678901234567890"))),
            group("-1000"),
            group("-999.5"),
            group("-2"),
            List.of(json("-1"), json("-1.0"), LongNode.valueOf(-1), DecimalNode.valueOf(new BigDecimal("-1.000"))),
            group("-0.5"),
            group("-1e-300"),
            List.of(json("0"), json("0.0"), json("-0.0"), DecimalNode.valueOf(new BigDecimal("0E+10"))),
            group("1e-300"),
            List.of(json("0.1"), DecimalNode.valueOf(new BigDecimal("0.1")), FloatNode.valueOf(0.1f)),
            List.of(DecimalNode.valueOf(new BigDecimal("0.1000000000000000000001"))),
            group("0.5"),
            List.of(
                    json("1"),
                    json("1.0"),
                    LongNode.valueOf(1),
                    DecimalNode.valueOf(new BigDecimal("1.00")),
                    new BigIntegerNode(BigInteger.ONE)),
            group("2"),
            group("3.0"),
            group("4"),
            List.of(json("9007199254740992"), json("9007199254740992.0")),
            group("9007199254740993"),
            List.of(json("1e20"), new BigIntegerNode(BigInteger.TEN.pow(20))),
            List.of(DecimalNode.valueOf(new BigDecimal("1e200"))),
            group("1e300"),
            List.of(DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            List.of(DoubleNode.valueOf(Double.NaN)),
            // then strings: symbols before digits before letters; case only breaks ties
            group("''"),
            group("' '"),
            group("'_'"),
            group("'-'"),
            group("','"),
            group("'.'"),
            group("'@'"),
            group("'~'"),
            group("'$'"),
            group("'0'"),
            group("'1'"),
            group("'10'"),
            group("'2'"),
            List.of(json("'a'"), TextNode.valueOf("a\u200B")),
            group("'A'"),
            List.of(TextNode.valueOf("\u00e1"), TextNode.valueOf("a\u0301")),
            group("'aa'"),
            group("'aA'"),
            group("'Aa'"),
            group("'AA'"),
            group("'ab'"),
            group("'b'"),
            group("'B'"),
            group("'ba'"),
            group("'bb'"),
            group("'cote'"),
            group("'cot\u00e9'"),
            group("'c\u00f4te'"),
            group("'c\u00f4t\u00e9'"),
            group("'e'"),
            group("'\u00e9'"),
            group("'\u00e8'"),
            group("'\u00ea'"),
            group("'\u00eb'"),
            group("'f'"),
            group("'ss'"),
            group("'\u00df'"),
            group("'st'"),
            group("'z'"),
            group("'\u03b1'"),
            group("'\u0391'"),
            group("'\u03c9'"),
            group("'\u0430'"),
            group("'\u044f'"),
            group("'\u042f'"),
            // then arrays, element by element; a prefix sorts first
            group("[]"),
            group("[null]"),
            group("[false]"),
            List.of(json("[1]"), json("[1.0]")),
            group("[1, 2]"),
            group("['a']"),
            group("['b']"),
            group("['b', 'c']"),
            group("['b', 'c', 'a']"),
            group("['b', 'd']"),
            group("['b', 'd', 'e']"),
            group("[[]]"),
            group("[{}]"),
            // then objects, member by member in document order, then by size
            group("{}"),
            List.of(json("{a: 1}"), json("{a: 1.0}")),
            group("{a: 1, b: 1}"),
            group("{a: 2}"),
            group("{b: 1}"),
            group("{b: 2}"),
            group("{b: 2, a: 1}"),
            group("{b: 2, c: 2}"),
            group("{B: 1}"));

    private static List<JsonNode> group(String json) {
        return List.of(json(json));
    }

    @Test
    void compareFollowsTheTable() {
        List<Entry> entries = entries();
        for (Entry a : entries) {
            for (Entry b : entries) {
                int expected = Integer.compare(a.rank, b.rank);
                assertThat(Collation.compare(a.value, b.value))
                        .as("compare(%s, %s)", a.value, b.value)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void indexKeyBytesFollowTheTable() {
        List<Entry> entries = entries();
        for (Entry a : entries) {
            byte[] ka = IndexKeys.encode(a.value);
            for (Entry b : entries) {
                int expected = Integer.compare(a.rank, b.rank);
                int actual = Integer.signum(Arrays.compareUnsigned(ka, IndexKeys.encode(b.value)));
                assertThat(actual).as("keys of %s and %s", a.value, b.value).isEqualTo(expected);
            }
        }
    }

    @Test
    void equalityAndComparatorAgreeWithCompare() {
        assertThat(Collation.equal(json("[1, {a: 2}]"), json("[1.0, {a: 2.0}]")))
                .isTrue();
        assertThat(Collation.equal(json("{a: 1, b: 2}"), json("{b: 2, a: 1}"))).isFalse();
        List<JsonNode> values =
                new ArrayList<>(entries().stream().map(e -> e.value).toList());
        Collections.reverse(values);
        values.sort(Collation.comparator());
        for (int i = 1; i < values.size(); i++) {
            assertThat(Collation.compare(values.get(i - 1), values.get(i))).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void rawOrderIsErlangTermOrder() {
        List<JsonNode> ordered = List.of(
                json("-5"),
                json("1"),
                json("false"),
                json("null"),
                json("true"),
                json("{a: 'a'}"),
                json("{b: 1}"),
                json("[]"),
                json("['a']"),
                json("''"),
                json("'A'"),
                json("'B'"),
                json("'a'"),
                json("'\u00e9'"),
                TextNode.valueOf("\uffff"),
                TextNode.valueOf("\ud83d\ude00"));
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertThat(Collation.compareRaw(ordered.get(i), ordered.get(j)))
                        .as("raw(%s, %s)", ordered.get(i), ordered.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
        assertThat(Collation.compareRaw(json("1"), json("1.0"))).isZero();
        assertThat(Collation.rawComparator().compare(json("'a'"), TextNode.valueOf("a\u200B")))
                .isNegative();
    }

    private static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (int rank = 0; rank < TABLE.size(); rank++) {
            for (JsonNode value : TABLE.get(rank)) {
                entries.add(new Entry(rank, value));
            }
        }
        return entries;
    }

    private record Entry(int rank, JsonNode value) {}
}

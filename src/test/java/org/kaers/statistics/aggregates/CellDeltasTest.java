package org.kaers.statistics.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The JVM's grouping of cell deltas against a plain reading of the rule ({@link CellDeltas}), on random facts with
 * values of several dimensions, combined ('~') values, the missing values of case-level dimensions, characters
 * outside the BMP and facts that leave (sgn -1); in one pass and in many. The whole fold is compared with counts of
 * the raw rows in {@code StatsAggregatesTest}.
 */
class CellDeltasTest {

    @Test
    void bytesOrderIsCodePointOrderNotUtf16Order() {
        String bmp = "p=\uFFFD";
        String astral = "p=\uD83D\uDE00"; // U+1F600
        assertThat(bmp.compareTo(astral)).isPositive(); // what String.compareTo says
        assertThat(CellDeltas.compareBytes(bmp, astral)).isNegative(); // what collate "C" says
        assertThat(Arrays.compareUnsigned(
                        bmp.getBytes(StandardCharsets.UTF_8), astral.getBytes(StandardCharsets.UTF_8)))
                .isNegative();
        assertThat(CellDeltas.compareBytes("s=a", "s=ab")).isNegative();
        assertThat(CellDeltas.compareBytes("s=b", "s=ab")).isPositive();
        assertThat(CellDeltas.compareBytes("*", "a=")).isNegative();
        assertThat(CellDeltas.compareBytes("z=", "~a,b=")).isNegative();
    }

    @Test
    void groupsAsTheRuleSaysInOnePassAndInMany() throws Exception {
        Random random = new Random(12);
        String unpaired = AggregateStore.caseLevelEmpty().iterator().next();
        String[] pool = {
            "p=A",
            "p=B",
            "p=C\uD83D\uDE00",
            "p=C\uFFFD",
            "s=nausea",
            "s=vomiting",
            "s=x\ty",
            "t=1",
            "t=2",
            "u=",
            unpaired,
            "~p,s=A\u001fnausea",
            "~p,s=B\u001fvomiting",
            "a=early",
            "a=late"
        };
        CellDeltas.Facts facts = new CellDeltas.Facts();
        List<String[]> plainFacts = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int f = 0; f < 400; f++) {
            TreeSet<String> vals = new TreeSet<>();
            vals.add(AggregateStore.ALL);
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                vals.add(pool[random.nextInt(pool.length)]);
            }
            String[] v = vals.toArray(String[]::new);
            int sgn = random.nextInt(4) == 0 ? -1 : 1;
            int period = 202001 + random.nextInt(3);
            long key = random.nextInt(1 << 30);
            int[] idsOf = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                idsOf[i] = ids.computeIfAbsent(v[i], x -> {
                    names.add(x);
                    return names.size() - 1;
                });
            }
            facts.add(sgn, period, key, idsOf);
            plainFacts.add(v);
            meta.add(new int[] {sgn, period, (int) key});
        }
        facts.number(names);

        Map<String, long[]> expected = new HashMap<>();
        for (int f = 0; f < plainFacts.size(); f++) {
            String[] v = plainFacts.get(f).clone();
            Arrays.sort(v, CellDeltas::compareBytes);
            long sgn = meta.get(f)[0];
            long k = sgn * meta.get(f)[2];
            for (int i = 0; i < v.length; i++) {
                add(expected, "*|" + v[i] + "|0", sgn, k);
                if (!v[i].startsWith("~")) {
                    add(expected, "*|" + v[i] + "|" + meta.get(f)[1], sgn, k);
                }
                for (int j = i + 1; j < v.length; j++) {
                    if (plain(v[i])
                            && plain(v[j])
                            && !AggregateStore.dimensionOf(v[i]).equals(AggregateStore.dimensionOf(v[j]))) {
                        add(expected, v[i] + "|" + v[j] + "|0", sgn, k);
                    }
                }
            }
        }
        expected.values().removeIf(c -> c[0] == 0 && c[1] == 0);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(facts.entries())
                .as("enough pairs for several passes of 1,000")
                .isGreaterThan(3 * 1000);

        for (long passEntries : new long[] {Long.MAX_VALUE, 1000, 300}) {
            Map<String, long[]> found = new HashMap<>();
            facts.group(passEntries, (ai, bi, period, n, k) -> {
                String a = ai < 0 ? AggregateStore.ALL : facts.names[ai];
                String b = facts.names[bi];
                assertThat(CellDeltas.compareBytes(a, b) < 0 || a.equals("*"))
                        .as("a < b")
                        .isTrue();
                long[] before = found.put(a + "|" + b + "|" + period, new long[] {n, k});
                assertThat(before)
                        .as("cell written once: " + a + " " + b + " " + period)
                        .isNull();
            });
            assertThat(found.keySet()).as("passes of " + passEntries).isEqualTo(expected.keySet());
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                assertThat(found.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
            }
        }
    }

    @Test
    void theTableGrowsWithoutLosingCells() {
        CellDeltas.Cells cells = new CellDeltas.Cells();
        for (int i = 0; i < 200_000; i++) {
            cells.add(CellDeltas.Cells.key(i % 1000 + 1, i, 0), 1, i);
            cells.add(CellDeltas.Cells.key(i % 1000 + 1, i, 0), 1, 1);
        }
        CellDeltas.Facts names = new CellDeltas.Facts();
        names.names = new String[200_000];
        Arrays.setAll(names.names, i -> "v" + i);
        names.months = new int[] {0};
        Map<String, long[]> found = new HashMap<>();
        try {
            cells.writeTo(
                    (a, b, period, n, k) -> found.put(names.names[a] + "|" + names.names[b], new long[] {n, k}), names);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(found).hasSize(200_000);
        assertThat(found.get("v6|v7006")).containsExactly(2, 7007);
    }

    @Test
    void cellsAreWrittenInTheOrderOfTheirValuesSoThatAValuesPairsAreNeighbours() throws java.sql.SQLException {
        CellDeltas.Cells cells = new CellDeltas.Cells();
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < 50_000; i++) {
            cells.add(CellDeltas.Cells.key(random.nextInt(300) + 1, random.nextInt(5000), random.nextInt(3)), 1, 1);
        }
        cells.add(CellDeltas.Cells.key(7, 7, 0), 1, 1);
        cells.add(CellDeltas.Cells.key(7, 7, 0), -1, -1); // cancels out: not written
        CellDeltas.Facts names = new CellDeltas.Facts();
        names.names = new String[5000];
        Arrays.setAll(names.names, i -> "v" + i);
        names.months = new int[] {0, 202001, 202002};
        java.util.List<long[]> written = new java.util.ArrayList<>();
        cells.writeTo((a, b, period, n, k) -> written.add(new long[] {a, b, period}), names);
        assertThat(written).isNotEmpty();
        for (int i = 1; i < written.size(); i++) {
            long[] x = written.get(i - 1);
            long[] y = written.get(i);
            assertThat(x[0] < y[0] || (x[0] == y[0] && x[1] <= y[1]))
                    .as("cell %d (%d, %d) after (%d, %d)", i, y[0], y[1], x[0], x[1])
                    .isTrue();
        }
        assertThat(written).noneMatch(c -> c[0] == 6 && c[1] == 7 && c[2] == 0);
    }

    private static boolean plain(String v) {
        return !v.equals("*")
                && !v.startsWith("~")
                && !AggregateStore.caseLevelEmpty().contains(v);
    }

    private static void add(Map<String, long[]> cells, String key, long n, long k) {
        long[] c = cells.computeIfAbsent(key, x -> new long[2]);
        c[0] += n;
        c[1] += k;
    }
}

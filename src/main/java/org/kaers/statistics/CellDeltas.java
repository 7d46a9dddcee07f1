package org.kaers.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cell deltas of a set of facts entering (+1) or leaving (-1) the aggregates, computed in memory (issue 16):
 * generating each fact's pairs in SQL (unnest, lateral slices, then a sort of every pair row) was two thirds of a
 * fold's time at real cardinality (40 s of 60 for 5,000 new cases, 3 million pair rows grouped to 660,000 cells);
 * here the same cells are summed in a hash map and handed to PostgreSQL once each, sorted, to apply.
 * <p>
 * The cells of a fact (values sorted bytewise, as {@code stats_fact.vals}): ('*', v, 0) for every value v;
 * ('*', v, period) for every value but the combined ones ('~'); and (a, b, 0) for every pair a &lt; b of its plain
 * values (neither '*' nor '~', nor the missing value of a case-level dimension) of two different dimensions. A cell
 * is kept when its case count or its key sum changes.
 */
final class CellDeltas {

    /** A cell: values a &lt; b (or '*' and a value), period yyyymm or 0 for all time. */
    record Cell(String a, String b, int period) {
    }

    /** A cell's change: cases entering minus leaving, and the same sum of their disclosure keys. */
    static final class Sum {
        long n;
        long k;
    }

    /** Cells in PostgreSQL's "C" order (bytewise UTF-8, which is code point order). */
    static final Comparator<Cell> ORDER = Comparator.comparing(Cell::a, CellDeltas::compareC)
            .thenComparing(Cell::b, CellDeltas::compareC).thenComparingInt(Cell::period);

    private final Set<String> unpaired;
    private final Map<Cell, Sum> cells = new HashMap<>();

    /** @param unpaired values never paired (the missing values of the case-level dimensions) */
    CellDeltas(Set<String> unpaired) {
        this.unpaired = unpaired;
    }

    /** Adds a fact: {@code sgn} +1 when it enters, -1 when it leaves; {@code key} its case's disclosure key. */
    void add(int period, String[] vals, int sgn, long key) {
        long k = sgn * key;
        List<String> plain = new ArrayList<>(vals.length);
        for (String v : vals) {
            add(AggregateStore.ALL, v, 0, sgn, k);
            if (!v.startsWith(AggregateStore.ROW)) {
                add(AggregateStore.ALL, v, period, sgn, k);
                if (!v.equals(AggregateStore.ALL) && !unpaired.contains(v)) {
                    plain.add(v);
                }
            }
        }
        for (int i = 0; i < plain.size(); i++) {
            String a = plain.get(i);
            int eq = a.indexOf('=');
            String dim = eq < 0 ? a + "=" : a.substring(0, eq + 1);
            for (int j = i + 1; j < plain.size(); j++) {
                String b = plain.get(j);
                if (!b.startsWith(dim)) {
                    add(a, b, 0, sgn, k);
                }
            }
        }
    }

    private void add(String a, String b, int period, int n, long k) {
        Sum s = cells.computeIfAbsent(new Cell(a, b, period), c -> new Sum());
        s.n += n;
        s.k += k;
    }

    /** How many cells are held (changed or not). */
    int size() {
        return cells.size();
    }

    /** The cells that change, in key order; then empties this. */
    List<Map.Entry<Cell, Sum>> drain() {
        List<Map.Entry<Cell, Sum>> out = new ArrayList<>(cells.size());
        for (Map.Entry<Cell, Sum> e : cells.entrySet()) {
            if (e.getValue().n != 0 || e.getValue().k != 0) {
                out.add(e);
            }
        }
        out.sort(Map.Entry.comparingByKey(ORDER));
        cells.clear();
        return out;
    }

    /** Compares as PostgreSQL's "C" collation does: by code point (the order of the UTF-8 bytes). */
    static int compareC(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }
}

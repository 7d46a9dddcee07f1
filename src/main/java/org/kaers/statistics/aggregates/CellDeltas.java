package org.kaers.statistics.aggregates;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaers.common.CopyRows;

/**
 * The cell deltas of a set of facts, one row per cell (a, b, period, n = the cases entering minus those leaving, k =
 * the same sum of the cases' disclosure keys), written by COPY into a table: ('*', v) for every value v, for all time;
 * ('*', v) per month of receipt for every value but the combined ones ('~'); and every pair a &lt; b (in byte order,
 * as {@code collate "C"} compares) of a fact's plain values of two different dimensions (a pair of one dimension,
 * such as two symptoms of a case, is never read: a filter on the dimension counted by is counted from the raw rows).
 * Plain values are all but '*', the combined ones and the missing values of the case-level dimensions
 * ({@link AggregateStore#caseLevelEmpty}: a case has exactly one value of such a dimension, so they are read as
 * differences). A cell is written when n or k changes (a case may leave a cell and another join it in one batch).
 *
 * <p>Grouped in the JVM, not in SQL: FDA's 63,643 cases make 22 million (cell, case) pairs; a grouping of them in
 * PostgreSQL (integer-coded, then decoded by two joins) took 18 s of the bulk fold's 62 s, an open-addressing table of
 * primitive keys a fraction of that (README, Benchmarks, issue 12). The values are numbered in byte order, so that
 * a &lt; b is a comparison of numbers and a dimension's values, which share the prefix 'dimension=', are a range; a
 * cell's key packs its two numbers and its month. Memory is bounded: the pairs are grouped in passes, each over the
 * cells of a share of the first values ({@link #PASS_ENTRIES}).
 */
final class CellDeltas {

    /**
     * (cell, case) pairs grouped per pass, at most about: the table then holds at most as many cells, 48 MB when all
     * are distinct (free texts seen once), within a 512 MB heap beside the service's work. FDA's 63,643 cases are 22
     * passes; a pass over the facts costs a few milliseconds besides its own pairs.
     */
    static final long PASS_ENTRIES = 1_000_000;

    /** Values in one batch, at most: a value's number takes 24 bits of a cell's key. */
    static final int MAX_VALUES = (1 << 24) - 2;

    private static final long EMPTY = -1L;

    private CellDeltas() {}

    /**
     * Reads the facts of {@code source} (a table or subquery with columns cid, period, vals and sgn: +1 for a fact
     * that enters, -1 for one that leaves) and their cases' disclosure keys, and copies their cell deltas into
     * {@code target} (columns a, b, period, n, k); the number of cells written.
     */
    static long write(Connection c, String source, String target) throws SQLException {
        Facts facts = Facts.read(c, source);
        CopyRows rows = new CopyRows(target, "a, b, period, n, k").streamTo(c);
        try {
            // Each value escaped once, not once per cell it is in.
            String[] escaped = new String[facts.names.length];
            for (int i = 0; i < escaped.length; i++) {
                escaped[i] = CopyRows.escape(facts.names[i]);
            }
            String all = CopyRows.escape(AggregateStore.ALL);
            facts.group(PASS_ENTRIES, (a, b, period, n, k) -> {
                rows.addEscaped(a < 0 ? all : escaped[a])
                        .addEscaped(escaped[b])
                        .add((long) period)
                        .add(n)
                        .add(k)
                        .end();
                rows.sendIfFull();
            });
            return rows.finish();
        } finally {
            rows.cancel();
        }
    }

    /** The facts of a batch with their values numbered in byte order. */
    static final class Facts {
        final List<int[]> values = new ArrayList<>();
        int[] sgn = new int[1024];
        int[] period = new int[1024];
        long[] key = new long[1024];
        /** The batch's distinct values by number, and per number: the last number of its dimension, plain, monthly. */
        String[] names;

        int[] dimEnd;
        boolean[] plain;
        boolean[] monthly;
        /** The months of receipt of the batch by index; index 0 is period 0 (all time). */
        int[] months;

        int[] monthIndex;

        static Facts read(Connection c, String source) throws SQLException {
            Facts f = new Facts();
            Map<String, Integer> numbers = new HashMap<>();
            List<String> names = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select s.sgn, s.period, ck.disclosure_key, s.vals from "
                    + source + " s join case_report ck on ck.id = s.cid")) {
                st.setFetchSize(2000);
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) {
                        Array array = r.getArray(4);
                        String[] vals = (String[]) array.getArray();
                        array.free();
                        int[] ids = new int[vals.length];
                        for (int i = 0; i < vals.length; i++) {
                            Integer id = numbers.get(vals[i]);
                            if (id == null) {
                                id = names.size();
                                numbers.put(vals[i], id);
                                names.add(vals[i]);
                            }
                            ids[i] = id;
                        }
                        f.add(r.getInt(1), r.getInt(2), r.getLong(3), ids);
                    }
                }
            }
            f.number(names);
            return f;
        }

        void add(int sign, int month, long disclosureKey, int[] ids) {
            int i = values.size();
            if (i == sgn.length) {
                sgn = Arrays.copyOf(sgn, i * 2);
                period = Arrays.copyOf(period, i * 2);
                key = Arrays.copyOf(key, i * 2);
            }
            sgn[i] = sign;
            period[i] = month;
            key[i] = disclosureKey;
            values.add(ids);
        }

        /** Renumbers the values in byte order and derives what each number is. */
        void number(List<String> firstSeen) {
            int n = firstSeen.size();
            if (n > MAX_VALUES) {
                throw new IllegalStateException(
                        "a statistics batch of " + n + " distinct values (at most " + MAX_VALUES + ")");
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> compareBytes(firstSeen.get(x), firstSeen.get(y)));
            int[] rank = new int[n];
            names = new String[n];
            for (int i = 0; i < n; i++) {
                rank[order[i]] = i;
                names[i] = firstSeen.get(order[i]);
            }
            dimEnd = new int[n];
            plain = new boolean[n];
            monthly = new boolean[n];
            Set<String> unpaired = AggregateStore.caseLevelEmpty();
            Map<String, Integer> lastOfDimension = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String v = names[i];
                lastOfDimension.merge(AggregateStore.dimensionOf(v), i, Math::max);
                monthly[i] = !v.startsWith(AggregateStore.ROW);
                plain[i] = monthly[i] && !v.equals(AggregateStore.ALL) && !unpaired.contains(v);
            }
            for (int i = 0; i < n; i++) {
                dimEnd[i] = lastOfDimension.get(AggregateStore.dimensionOf(names[i]));
            }
            Map<Integer, Integer> monthNumbers = new HashMap<>();
            monthNumbers.put(0, 0);
            monthIndex = new int[values.size()];
            for (int f = 0; f < values.size(); f++) {
                int[] ids = values.get(f);
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = rank[ids[i]];
                }
                Arrays.sort(ids);
                monthIndex[f] = monthNumbers.computeIfAbsent(period[f], p -> monthNumbers.size());
            }
            if (monthNumbers.size() > 1 << 16) {
                throw new IllegalStateException("a statistics batch of " + monthNumbers.size() + " months");
            }
            months = new int[monthNumbers.size()];
            monthNumbers.forEach((p, i) -> months[i] = p);
        }

        /**
         * The (cell, case) pairs the facts make, to size the passes: counted, not enumerated (per value, the plain
         * values after its dimension's last number, found by binary search in the fact's sorted numbers).
         */
        long entries() {
            long total = 0;
            for (int[] ids : values) {
                int[] plainFrom = new int[ids.length + 1];
                for (int p = ids.length - 1; p >= 0; p--) {
                    plainFrom[p] = plainFrom[p + 1] + (plain[ids[p]] ? 1 : 0);
                }
                for (int i = 0; i < ids.length; i++) {
                    total += monthly[ids[i]] ? 2 : 1;
                    if (plain[ids[i]]) {
                        int after = Arrays.binarySearch(ids, i + 1, ids.length, dimEnd[ids[i]] + 1);
                        total += plainFrom[after < 0 ? -after - 1 : after];
                    }
                }
            }
            return total;
        }

        /** Groups the cells in passes of about {@code passEntries} (cell, case) pairs; each changed cell to the sink. */
        void group(long passEntries, Sink sink) throws SQLException {
            int passes = (int) Math.max(1, (entries() + passEntries - 1) / passEntries);
            for (int pass = 0; pass < passes; pass++) {
                Cells cells = new Cells();
                for (int f = 0; f < values.size(); f++) {
                    int[] ids = values.get(f);
                    long s = sgn[f];
                    long k = s * key[f];
                    long month = monthIndex[f];
                    for (int i = 0; i < ids.length; i++) {
                        int a = ids[i];
                        if (share(a, passes) == pass) {
                            // ('*', a): the first number of a cell's key is the pair's first value plus one, 0 for '*'.
                            cells.add(Cells.key(0, a, 0), s, k);
                            if (monthly[a] && month != 0) {
                                cells.add(Cells.key(0, a, month), s, k);
                            }
                        }
                        if (plain[a] && share(a + 1, passes) == pass) {
                            long first = a + 1L;
                            for (int j = i + 1; j < ids.length; j++) {
                                int b = ids[j];
                                if (b > dimEnd[a] && plain[b]) {
                                    cells.add(Cells.key(first, b, 0), s, k);
                                }
                            }
                        }
                    }
                }
                cells.writeTo(sink, this);
            }
        }

        private static int share(int number, int passes) {
            return passes == 1 ? 0 : (int) (((number * 0x9E3779B97F4A7C15L) >>> 33) % passes);
        }
    }

    /**
     * Compares two texts as {@code collate "C"} does: by their UTF-8 bytes, which is the order of their code points
     * (not of their UTF-16 units: a supplementary character sorts after U+E000-U+FFFF).
     */
    static int compareBytes(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                if (cx >= 0xD800 && cy >= 0xD800) {
                    cx = (char) (cx >= 0xE000 ? cx - 0x800 : cx + 0x2000);
                    cy = (char) (cy >= 0xE000 ? cy - 0x800 : cy + 0x2000);
                }
                return cx - cy;
            }
        }
        return x.length() - y.length();
    }

    /** Where the grouped cells go: a and b by their number in {@link Facts#names}, a = -1 for '*'. */
    interface Sink {
        void cell(int a, int b, int period, long n, long k) throws SQLException;
    }

    /** An open-addressing table of cells: key (first value + 1, second value, month index) to (n, k). */
    static final class Cells {
        private long[] keys = new long[1 << 12];
        private long[] n = new long[1 << 12];
        private long[] k = new long[1 << 12];
        private int size;

        Cells() {
            Arrays.fill(keys, EMPTY);
        }

        static long key(long first, int second, long month) {
            return (first << 40) | ((long) second << 16) | month;
        }

        void add(long cell, long cases, long keySum) {
            int mask = keys.length - 1;
            int i = slot(cell, mask);
            while (keys[i] != EMPTY && keys[i] != cell) {
                i = (i + 1) & mask;
            }
            if (keys[i] == EMPTY) {
                keys[i] = cell;
                if (++size * 10L > keys.length * 7L) {
                    n[i] = cases;
                    k[i] = keySum;
                    grow();
                    return;
                }
            }
            n[i] += cases;
            k[i] += keySum;
        }

        /** A cell's first slot: its key mixed (Fibonacci hashing) so that neighbouring keys spread. */
        private static int slot(long cell, int mask) {
            return (int) ((cell * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldN = n;
            long[] oldK = k;
            keys = new long[oldKeys.length * 2];
            n = new long[keys.length];
            k = new long[keys.length];
            Arrays.fill(keys, EMPTY);
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = slot(oldKeys[j], mask);
                    while (keys[i] != EMPTY) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    n[i] = oldN[j];
                    k[i] = oldK[j];
                }
            }
        }

        /**
         * The cells to the sink in the order of their keys, so in the order of the pair's first value (then second
         * value): a rebuild writes each value's pairs into neighbouring pages, and a read of one anchor against a
         * dimension (the cells (anchor, d=...), one range of the primary key) reads a few pages instead of one page a
         * cell (3,151 pages for 3,432 cells of substance=KRATOM x symptom at 161,000 cases, issue 16).
         */
        void writeTo(Sink sink, Facts facts) throws SQLException {
            long[] sorted = new long[size];
            int m = 0;
            for (long key : keys) {
                if (key != EMPTY) {
                    sorted[m++] = key;
                }
            }
            Arrays.sort(sorted, 0, m);
            int mask = keys.length - 1;
            for (int j = 0; j < m; j++) {
                long cell = sorted[j];
                int i = slot(cell, mask);
                while (keys[i] != cell) {
                    i = (i + 1) & mask;
                }
                if (n[i] == 0 && k[i] == 0) {
                    continue;
                }
                int first = (int) (cell >>> 40);
                int second = (int) ((cell >>> 16) & 0xFFFFFF);
                int month = (int) (cell & 0xFFFF);
                sink.cell(first - 1, second, facts.months[month], n[i], k[i]);
            }
        }
    }
}

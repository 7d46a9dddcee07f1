package org.kaers.statistics.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The published perturbation table of the cell key method. A cell is a set of cases; its key is the sum of the
 * cases' permanent random keys modulo {@link #MODULUS} (uniform on 0 .. 2^32-1 whatever the cell's size, as
 * long as one key is unknown); the released value is looked up by (true value, cell key):
 * <ul>
 * <li>0 stays 0;</li>
 * <li>1 .. threshold t (small) becomes t+1, t+2 or t+3 with probability v/(3 (t+2)) each, otherwise 0;</li>
 * <li>above the threshold, v + d with d from the symmetric kernel {@link #KERNEL} (-3 .. +3, weights 1, 2, 3, 4,
 * 3, 2, 1 out of 16: standard deviation 1.58), and a result from 1 to t goes through the small-value rule.</li>
 * </ul>
 * So 1 .. t is never released, every row's mean is its value (unbiased), and values just above the threshold
 * can be released as 0 too, like small ones.
 * The lookup is integer arithmetic on the key, so the same set of cases gets the same answer in every query.
 */
public final class PerturbationTable {

    /** Cell keys are sums of case keys modulo 2^32. */
    public static final long MODULUS = 1L << 32;
    /** Weights of the noise -3 .. +3 above the threshold. */
    static final int[] KERNEL = {1, 2, 3, 4, 3, 2, 1};

    static final int KERNEL_TOTAL = 16;
    static final int MAX_NOISE = KERNEL.length / 2;

    private final int threshold;
    /** Per value 0 .. cap: the released values (ascending) and the upper bound of each one's range of cell keys. */
    private final long[][] released;

    private final long[][] upper;

    /** @param threshold counts from 1 up to this are never released */
    public PerturbationTable(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold " + threshold);
        }
        this.threshold = threshold;
        int cap = cap();
        released = new long[cap + 1][];
        upper = new long[cap + 1][];
        for (int v = 0; v <= cap; v++) {
            List<Entry> row = row(v);
            released[v] = new long[row.size()];
            upper[v] = new long[row.size()];
            long cumulativeNumerator = 0;
            for (int i = 0; i < row.size(); i++) {
                Entry e = row.get(i);
                cumulativeNumerator += e.numerator;
                released[v][i] = e.released;
                upper[v][i] = i == row.size() - 1 ? MODULUS : cumulativeNumerator * MODULUS / e.denominator;
            }
        }
    }

    /** One released value of a row and its probability numerator / denominator. */
    public record Entry(long value, long released, long numerator, long denominator) {
        public double probability() {
            return (double) numerator / denominator;
        }
    }

    public int threshold() {
        return threshold;
    }

    /** The smallest value whose row is the kernel unchanged: rows from here on are v + d. */
    public int cap() {
        return threshold + 1 + MAX_NOISE;
    }

    /** The standard deviation of the noise above the threshold. */
    public static double noiseStandardDeviation() {
        double variance = 0;
        for (int i = 0; i < KERNEL.length; i++) {
            int d = i - MAX_NOISE;
            variance += (double) KERNEL[i] * d * d / KERNEL_TOTAL;
        }
        return Math.sqrt(variance);
    }

    public static int maxNoise() {
        return MAX_NOISE;
    }

    /** The row of a value (for 0 .. cap; larger values use the cap's row shifted), released values ascending. */
    public List<Entry> row(long v) {
        java.util.TreeMap<Long, Long> weights = new java.util.TreeMap<>();
        if (v <= threshold) {
            small(v, KERNEL_TOTAL, weights);
        } else {
            for (int i = 0; i < KERNEL.length; i++) {
                small(v + i - MAX_NOISE, KERNEL[i], weights);
            }
        }
        List<Entry> out = new ArrayList<>();
        weights.forEach((released, w) -> out.add(new Entry(v, released, w, denominator())));
        return out;
    }

    /** All probabilities are multiples of 1 / (16 * 3 (t + 2)). */
    private long denominator() {
        return (long) KERNEL_TOTAL * SPREAD * (threshold + 2);
    }

    /** A small value that is released goes to t+1, t+2 or t+3 alike (mean t+2). */
    static final int SPREAD = 3;

    /**
     * The small-value rule applied to x with weight w (in units of 1/16): 0 or less gives 0; above the threshold
     * x itself; 1 .. t gives each of t+1, t+2, t+3 with probability x/(3 (t+2)), else 0 (mean x).
     */
    private void small(long x, long w, java.util.Map<Long, Long> weights) {
        long unit = (long) SPREAD * (threshold + 2);
        if (x <= 0) {
            weights.merge(0L, w * unit, Long::sum);
        } else if (x > threshold) {
            weights.merge(x, w * unit, Long::sum);
        } else {
            weights.merge(0L, w * SPREAD * (threshold + 2 - x), Long::sum);
            for (int r = 1; r <= SPREAD; r++) {
                weights.merge((long) threshold + r, w * x, Long::sum);
            }
        }
    }

    /**
     * The released value of a cell.
     *
     * @param value the cell's true count (at least 0)
     * @param keySum the sum of its cases' keys (any long; taken modulo 2^32)
     */
    public long release(long value, long keySum) {
        if (value < 0) {
            throw new IllegalArgumentException("count " + value);
        }
        long key = Math.floorMod(keySum, MODULUS);
        int row = (int) Math.min(value, cap());
        long shift = value - row;
        long[] bounds = upper[row];
        for (int i = 0; i < bounds.length; i++) {
            if (key < bounds[i]) {
                return released[row][i] + shift;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * One line of the published table: for value v (for the cap: every v from the cap up, released as v + shift),
     * a released value, its probability and the range of cell keys (inclusive) that give it.
     */
    public record Line(
            long value, boolean fromCapUp, long released, long numerator, long denominator, long keyFrom, long keyTo) {}

    /** The table as published, value by value. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        for (int v = 0; v <= cap(); v++) {
            List<Entry> row = row(v);
            long from = 0;
            for (int i = 0; i < released[v].length; i++) {
                Entry e = row.get(i);
                out.add(new Line(v, v == cap(), released[v][i], e.numerator(), e.denominator(), from, upper[v][i] - 1));
                from = upper[v][i];
            }
        }
        return out;
    }

    /** The table as published (CSV): value, released, probability as a fraction, and the range of cell keys. */
    public String csv() {
        List<List<Object>> rows = new ArrayList<>();
        for (Line l : lines()) {
            rows.add(List.of(
                    l.fromCapUp() ? l.value() + "+" : String.valueOf(l.value()),
                    l.fromCapUp() ? "v" + signed(l.released() - l.value()) : String.valueOf(l.released()),
                    l.numerator() + "/" + l.denominator(),
                    l.keyFrom(),
                    l.keyTo()));
        }
        return org.kaers.common.Csv.write(
                List.of("value", "released", "probability", "cell_key_from", "cell_key_to"), rows);
    }

    private static String signed(long d) {
        return d == 0 ? "" : d > 0 ? "+" + d : String.valueOf(d);
    }
}

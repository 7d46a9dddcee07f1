package org.kaers.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the cell key method costs (figures in the README, "Disclosure control"): for cells sized as the terms of
 * the real CAERS file (DOMAIN.md: distinct terms by number of reports), the share of cells whose released value
 * differs and the mean absolute error by cell size; for 2x2 tables with a = 20, 100, 1000, the error of PRR, ROR
 * and IC when a, a+b, a+c and N are released cells; and what a differencing attacker learns of a cell of 1 to 3.
 * Keys are drawn with SecureRandom, as PostgreSQL draws the case keys.
 */
class DisclosureUtilityTest {

    private final PerturbationTable table = new PerturbationTable(5);
    private final Random random = new SecureRandom();

    /** Band of cell sizes and how many distinct terms of the real file fall in it. */
    private record Band(String name, int from, int to, int cells) {}

    private static final Band[] BANDS = {
        new Band("1", 1, 1, 1471),
        new Band("2", 2, 2, 577),
        new Band("3", 3, 3, 330),
        new Band("4-5", 4, 5, 354),
        new Band("6-10", 6, 10, 384),
        new Band("11-20", 11, 20, 319),
        new Band("21-50", 21, 50, 312),
        new Band("51-100", 51, 100, 135),
        new Band("101-1000", 101, 1000, 235),
        new Band(">1000", 1001, 5000, 31)
    };

    /**
     * The key of a cell of {@code cases} cases: the sum of independent uniform keys modulo 2^32 is itself uniform,
     * and the keys of two cells that differ by at least one case are independent, so one draw stands for the sum.
     */
    private long key(long cases) {
        return random.nextInt() & 0xffffffffL;
    }

    @Test
    void countsChangeLittleAboveTheThreshold() {
        System.out.println("cells by size: share changed, mean absolute error, mean relative error, bias");
        long changedAll = 0;
        long cellsAll = 0;
        for (Band band : BANDS) {
            int repeats = 20;
            long changed = 0;
            double absolute = 0;
            double relative = 0;
            double bias = 0;
            int n = band.cells() * repeats;
            for (int i = 0; i < n; i++) {
                long v = band.from() + random.nextInt(band.to() - band.from() + 1);
                long released = table.release(v, key(v));
                changed += released != v ? 1 : 0;
                absolute += Math.abs(released - v);
                relative += Math.abs(released - v) / (double) v;
                bias += released - v;
            }
            changedAll += changed / repeats;
            cellsAll += band.cells();
            System.out.printf(
                    "  %-9s cells %5d  changed %5.1f%%  MAE %.2f  relative %5.1f%%  bias %+.2f%n",
                    band.name(), band.cells(), 100.0 * changed / n, absolute / n, 100 * relative / n, bias / n);
            if (band.from() > 20) {
                assertThat(relative / n).isLessThan(0.05);
            }
        }
        System.out.printf("  all cells: %.1f%% changed%n", 100.0 * changedAll / cellsAll);
    }

    @Test
    void signalMeasuresStayUsefulOnLargeCells() {
        System.out.println(
                "2x2 tables with PRR 2 (N = 100000, a+b = 10 a, c = 5% of the other cases): error of measures"
                        + " computed from released a, a+b, a+c, N");
        for (long a : new long[] {20, 100, 1000}) {
            long n = 100_000;
            long ab = 10 * a;
            long ac = a + (n - ab) / 20;
            double prr = prr(a, ab, ac, n);
            double ror = ror(a, ab, ac, n);
            double ic = ic(a, ab, ac, n);
            int draws = 20_000;
            double[] prrErr = new double[draws];
            double rorErr = 0;
            double icErr = 0;
            for (int i = 0; i < draws; i++) {
                long ra = table.release(a, key(a));
                long rab = table.release(ab, key(ab));
                long rac = table.release(ac, key(ac));
                long rn = table.release(n, random.nextLong());
                prrErr[i] = Math.abs(prr(ra, rab, rac, rn) / prr - 1);
                rorErr += Math.abs(ror(ra, rab, rac, rn) / ror - 1);
                icErr += Math.abs(ic(ra, rab, rac, rn) - ic);
            }
            Arrays.sort(prrErr);
            double meanPrr = Arrays.stream(prrErr).average().orElseThrow();
            System.out.printf(
                    "  a=%4d  PRR %.2f: mean relative error %.2f%% (95th percentile %.2f%%)  ROR %.2f%%  "
                            + "IC %.4f (log2)  vs sampling: 1/sqrt(a) = %.1f%%%n",
                    a,
                    prr,
                    100 * meanPrr,
                    100 * prrErr[draws * 95 / 100],
                    100 * rorErr / draws,
                    icErr / draws,
                    100 / Math.sqrt(a));
            assertThat(meanPrr).isLessThan(0.2 / Math.sqrt(a) * 2);
        }
    }

    @Test
    void aPaddingAttackerIsRightAboutHalfTheTimeAtBest() {
        // The attacker adds k known cases to a cell of 1 and reads released(1 + k) - k.
        for (int k : new int[] {5, 8}) {
            int draws = 200_000;
            int exact = 0;
            for (int i = 0; i < draws; i++) {
                exact += table.release(1 + k, key(1 + k)) - k == 1 ? 1 : 0;
            }
            System.out.printf(
                    "padding a cell of 1 with %d known cases: estimate exact %.1f%% of the time%n",
                    k, 100.0 * exact / draws);
            assertThat((double) exact / draws).isLessThan(0.55);
        }
    }

    @Test
    void aDifferencingAttackerCannotTellOneTwoOrThreeCasesApart() {
        // The attacker subtracts the released count of 57 known-other cases from the released total of 57 + v.
        int draws = 200_000;
        int[][] seen = new int[4][40];
        for (int v = 1; v <= 3; v++) {
            for (int i = 0; i < draws; i++) {
                long estimate = table.release(57 + v, key(57 + v)) - table.release(57, key(57));
                seen[v][(int) estimate + 20]++;
            }
        }
        double confident = 0;
        double exact = 0;
        for (int x = 0; x < 40; x++) {
            int total = seen[1][x] + seen[2][x] + seen[3][x];
            int best = Math.max(seen[1][x], Math.max(seen[2][x], seen[3][x]));
            if (total > 0 && (double) best / total >= 0.9) {
                confident += total;
            }
        }
        for (int v = 1; v <= 3; v++) {
            exact += seen[v][v + 20];
        }
        confident /= 3.0 * draws;
        exact /= 3.0 * draws;
        System.out.printf(
                "differencing attack on a cell of 1-3: estimate exact %.1f%% of the time, attacker 90%% sure of "
                        + "the count %.2f%% of the time%n",
                100 * exact, 100 * confident);
        assertThat(exact).isLessThan(0.2);
        assertThat(confident).isLessThan(0.01);
    }

    private static double prr(long a, long ab, long ac, long n) {
        long c = ac - a;
        long d = n - ab - c;
        return ((double) a / ab) / ((double) c / (c + d));
    }

    private static double ror(long a, long ab, long ac, long n) {
        long b = ab - a;
        long c = ac - a;
        long d = n - ab - c;
        return (double) a * d / ((double) b * c);
    }

    private static double ic(long a, long ab, long ac, long n) {
        double e = (double) ab * ac / n;
        return Math.log((a + 0.5) / (e + 0.5)) / Math.log(2);
    }
}

package org.kaers.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published perturbation table: deterministic, never small, unbiased, as published. */
class PerturbationTableTest {

    private final PerturbationTable table = new PerturbationTable(5);
    /** Keys are uniform; SecureRandom is not needed to test the lookup (it is what makes a run slow). */
    private final java.util.SplittableRandom random = new java.util.SplittableRandom();

    private final java.util.SplittableRandom fast = random;

    @Test
    void theSameCellAlwaysGetsTheSameAnswer() {
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextInt(2000);
            long key = random.nextLong();
            assertThat(table.release(v, key)).isEqualTo(table.release(v, key));
            // The key is taken modulo 2^32: adding a multiple of it changes nothing.
            assertThat(table.release(v, key + 7 * PerturbationTable.MODULUS)).isEqualTo(table.release(v, key));
        }
    }

    @Test
    void neverReleasesOneToTheThresholdAndZeroStaysZero() {
        List<String> wrong = new java.util.ArrayList<>();
        for (long v = 0; v <= 200; v++) {
            for (int i = 0; i < 2000; i++) {
                long released = table.release(v, random.nextLong());
                boolean ok = (released == 0 || released > 5)
                        && (v != 0 || released == 0)
                        && (v > 5 || released <= 8)
                        && (v <= 5 || released == 0 || (released >= Math.max(6, v - 3) && released <= v + 3))
                        && (v <= 8 || released > 0);
                if (!ok) {
                    wrong.add(v + " -> " + released);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(new PerturbationTable(10).release(10, 0)).isZero();
        assertThat(new PerturbationTable(10).release(10, PerturbationTable.MODULUS - 1))
                .isEqualTo(13);
    }

    @Test
    void everyRowIsADistributionWhoseMeanIsTheValue() {
        for (long v = 0; v <= 50; v++) {
            List<PerturbationTable.Entry> row = table.row(Math.min(v, table.cap()));
            double total = row.stream()
                    .mapToDouble(PerturbationTable.Entry::probability)
                    .sum();
            assertThat(total).isCloseTo(1.0, within(1e-12));
            long shift = v - Math.min(v, table.cap());
            double mean = row.stream()
                    .mapToDouble(e -> e.probability() * (e.released() + shift))
                    .sum();
            assertThat(mean - v).as("v=%d", v).isCloseTo(0.0, within(1e-12));
        }
        assertThat(PerturbationTable.noiseStandardDeviation()).isCloseTo(1.58, within(0.01));
    }

    @Test
    void lookupsFollowThePublishedProbabilities() {
        for (long v : new long[] {1, 3, 6, 7, 100}) {
            List<PerturbationTable.Entry> row = table.row(Math.min(v, table.cap()));
            long shift = v - Math.min(v, table.cap());
            int draws = 50_000;
            for (PerturbationTable.Entry e : row) {
                long hits = 0;
                for (int i = 0; i < draws; i++) {
                    hits += table.release(v, fast.nextLong()) == e.released() + shift ? 1 : 0;
                }
                assertThat((double) hits / draws)
                        .as("v=%d released=%d", v, e.released() + shift)
                        .isCloseTo(e.probability(), within(0.01));
            }
        }
    }

    @Test
    void theResourceFileIsTheTable() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/disclosure/perturbation-table.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(table.csv());
        }
    }
}

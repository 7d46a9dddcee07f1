package org.kaers.bench;

import java.util.Arrays;

/** Latency figures of one benchmark run, printed, never asserted. */
public final class Timings {

    private Timings() {}

    public static String summary(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return "%-48s n=%6d  mean=%8.3f ms  p50=%8.3f  p95=%8.3f  p99=%8.3f  max=%8.3f"
                .formatted(
                        name,
                        sorted.length,
                        mean,
                        pct(sorted, 50),
                        pct(sorted, 95),
                        pct(sorted, 99),
                        sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}

package org.kaers.statistics;

import java.util.BitSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Small-cell protection, in one place. Counts from 1 to the threshold are suppressed (primary). Then, in
 * every group of cells whose total a researcher can learn (the total of a one-dimension count, each row and
 * column of a cross, since one-dimension queries with a filter give those margins), a lone suppressed cell
 * could be recovered by subtraction, so the smallest other non-zero cell of that group is suppressed too
 * (complementary), repeated until no group has exactly one suppressed cell. Zero is never small: it is shown.
 * Before that, a cell that differs by a small count from the same cell of a request differing by one filter
 * value is hidden too ({@link #differences}), so that two such requests cannot be subtracted.
 */
@ApplicationScoped
public class SmallCellPolicy {

    /** Settings of small-cell protection. */
    @ConfigMapping(prefix = "kaers.stats")
    public interface Config {
        /** Counts from 1 up to this are suppressed. */
        @WithDefault("5")
        int smallCellThreshold();

        /** Longest a statistics query may run before it is cancelled (503 with Retry-After). */
        @WithDefault("20s")
        java.time.Duration queryTimeout();

        /**
         * How often the worker folds queued changes into the aggregates ({@link AggregateWorker}); "off"
         * disables it (catch-up still works). Read by the scheduler; declared here so that it is known.
         */
        @WithDefault("1s")
        String aggregateInterval();
    }

    private final int threshold;
    private final long queryTimeoutMillis;
    private final org.kaers.security.Caller caller;

    @jakarta.inject.Inject
    SmallCellPolicy(Config config, org.kaers.security.Caller caller) {
        this.threshold = config.smallCellThreshold();
        this.queryTimeoutMillis = config.queryTimeout().toMillis();
        this.caller = caller;
    }

    /** For unit tests. */
    SmallCellPolicy(int threshold) {
        this.threshold = threshold;
        this.queryTimeoutMillis = 20_000;
        this.caller = null;
    }

    /** The statement timeout of statistics queries, in milliseconds. */
    long queryTimeoutMillis() {
        return queryTimeoutMillis;
    }

    /**
     * The threshold for the current caller: 0 (nothing suppressed) for reviewers and administrators, who may
     * read every case anyway; the configured one for everyone else.
     */
    public int threshold() {
        boolean inRequest = caller != null && io.quarkus.arc.Arc.container().requestContext().isActive();
        return inRequest && caller.seesAllCases() ? 0 : threshold;
    }

    public boolean isSmall(long count) {
        return count >= 1 && count <= threshold();
    }

    /**
     * Differencing: a cell whose count differs by 1 to the threshold from the same cell of a request that differs
     * by one filter value would reveal that small difference by subtraction, so it is hidden (then partnered like
     * any hidden cell). Cells absent from the neighbour count 0 there.
     *
     * @param counts the cells of the request
     * @param neighbourCounts the same cells (same index) in each neighbouring request
     * @return the cells to hide
     */
    public BitSet differences(long[] counts, List<long[]> neighbourCounts) {
        BitSet hidden = new BitSet(counts.length);
        int limit = threshold();
        for (long[] other : neighbourCounts) {
            for (int i = 0; i < counts.length; i++) {
                long difference = Math.abs(counts[i] - other[i]);
                if (difference >= 1 && difference <= limit) {
                    hidden.set(i);
                }
            }
        }
        return hidden;
    }

    /**
     * @param counts the cells
     * @param groups indexes of cells whose sum can be learnt
     * @return the cells to suppress
     */
    public BitSet suppress(long[] counts, List<int[]> groups) {
        return suppress(counts, groups, new BitSet());
    }

    /**
     * As {@link #suppress(long[], List)}, with cells already hidden for another reason (see {@link #differences}).
     */
    public BitSet suppress(long[] counts, List<int[]> groups, BitSet alsoHidden) {
        BitSet hidden = (BitSet) alsoHidden.clone();
        int limit = threshold();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= 1 && counts[i] <= limit) {
                hidden.set(i);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] group : groups) {
                int hiddenInGroup = 0;
                for (int i : group) {
                    if (hidden.get(i)) {
                        hiddenInGroup++;
                    }
                }
                if (hiddenInGroup != 1) {
                    continue;
                }
                int partner = -1;
                for (int i : group) {
                    if (!hidden.get(i) && counts[i] > 0 && (partner < 0 || counts[i] < counts[partner])) {
                        partner = i;
                    }
                }
                if (partner >= 0) {
                    hidden.set(partner);
                    changed = true;
                }
            }
        }
        return hidden;
    }
}

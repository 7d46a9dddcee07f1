package org.kaers.common;

import java.time.Duration;
import java.time.Instant;

/**
 * A background worker's queue as one read sees it ({@code entries}, when the oldest and the newest were queued), and
 * the one rule by which a worker leaves it alone for a round: the queue is still growing fast. The aggregate fold
 * ({@code statistics.aggregates.AggregateStore.BulkFold}) and duplicate screening ({@code duplicates.ScreeningWorker})
 * both apply it, each with its own thresholds.
 *
 * <p>Why: during a burst (an import, or submissions at hundreds a second) the workers' per-round work competes with
 * the writes for the same cores, and is dearer per case in small rounds than in one large round after the burst
 * (issue 12: the fold took 13 s of statement time on the import's two cores; issue 16: screening and folding during
 * the load harness's maximum-rate intake took about half of PostgreSQL's time per acknowledged report). Left until the
 * burst settles, the backlog is worked off at once. The price is freshness: the statistics and the duplicate suspects
 * lag by the burst's length, at most {@link #LONGEST_DEFERRAL}; anyone who can write at that rate (an importer, a
 * flood of submissions, bounded per principal by the rate limits) can hold a worker back that long, never longer.
 */
public record GrowingBacklog(long entries, Instant oldest, Instant newest) {

    /** A backlog whose newest entry is younger than this is still being written. */
    public static final Duration SETTLING = Duration.ofSeconds(2);

    /** The longest a worker leaves a growing backlog alone (then it works, whatever arrives). */
    public static final Duration LONGEST_DEFERRAL = Duration.ofMinutes(5);

    /**
     * Whether a worker leaves this backlog alone now: at least {@code minEntries} entries, still growing (the newest
     * under {@link #SETTLING} old), at {@code minRate} entries a second or more from the oldest to the newest, and the
     * oldest not older than {@link #LONGEST_DEFERRAL}.
     */
    public boolean defers(long minEntries, double minRate, Instant now) {
        if (entries < minEntries
                || entries == 0
                || newest == null
                || oldest == null
                || !newest.isAfter(now.minus(SETTLING))
                || !oldest.isAfter(now.minus(LONGEST_DEFERRAL))) {
            return false;
        }
        double seconds = Math.max(0.001, Duration.between(oldest, newest).toNanos() / 1e9);
        return entries / seconds >= minRate;
    }
}

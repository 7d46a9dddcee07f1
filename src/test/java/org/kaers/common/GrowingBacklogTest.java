package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When a background worker leaves its queue alone ({@link GrowingBacklog}): a burst (an import, or submissions at
 * hundreds a second, which the worker would otherwise take a second's worth at a time), not a clinician's trickle,
 * not a backlog that has settled, never longer than five minutes.
 */
class GrowingBacklogTest {

    private final Instant now = Instant.parse("2026-12-04T12:00:00Z");

    private GrowingBacklog backlog(long entries, long oldestSecondsAgo, long newestMillisAgo) {
        return new GrowingBacklog(entries, now.minusSeconds(oldestSecondsAgo), now.minusMillis(newestMillisAgo));
    }

    @Test
    void aBurstIsLeftUntilItSettlesOrHasWaitedFiveMinutes() {
        // a second's worth of submissions at 500 a second, as the worker sees it every round during the burst
        assertThat(backlog(500, 1, 20).defers(100, 50, now)).isTrue();
        // an import's backlog
        assertThat(backlog(127_286, 30, 100).defers(100, 50, now)).isTrue();
        // settled: nothing queued for 2 s
        assertThat(backlog(127_286, 30, 2_000).defers(100, 50, now)).isFalse();
        assertThat(backlog(127_286, 30, 1_999).defers(100, 50, now)).isTrue();
        // waited long enough: worked off whatever still arrives
        assertThat(backlog(900_000, 300, 100).defers(100, 50, now)).isFalse();
        assertThat(backlog(900_000, 299, 100).defers(100, 50, now)).isTrue();
    }

    @Test
    void aTrickleOrASmallBatchIsWorkedAtOnce() {
        // fewer entries than the threshold, however fast
        assertThat(backlog(99, 0, 10).defers(100, 50, now)).isFalse();
        // growing, but slower than the rate: 10,000 over 250 s is 40 a second
        assertThat(backlog(10_000, 250, 100).defers(100, 50, now)).isFalse();
        assertThat(backlog(12_500, 250, 100).defers(100, 50, now)).isTrue();
        // empty, or nothing known about it
        assertThat(new GrowingBacklog(0, null, null).defers(0, 0, now)).isFalse();
        assertThat(new GrowingBacklog(5, null, now).defers(0, 0, now)).isFalse();
    }
}

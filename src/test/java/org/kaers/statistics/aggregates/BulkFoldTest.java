package org.kaers.statistics.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a fold is bulk, and when the worker leaves a growing backlog alone (AggregateStore.BulkFold). */
class BulkFoldTest {

    private final AggregateStore.BulkFold rule = new AggregateStore.BulkFold(20_000, 0.25, 1_000, 50);
    private final Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aBatchIsBulkWhenLargeAndLargeBesideWhatIsCounted() {
        assertThat(rule.applies(63_643, 0)).isTrue();
        assertThat(rule.applies(63_643, 254_572)).isTrue();
        assertThat(rule.applies(63_643, 254_573)).isFalse();
        assertThat(rule.applies(19_999, 0)).isFalse();
    }

    @Test
    void aBacklogGrowingAtImportSpeedIsLeftUntilItSettlesOrWaitedTooLong() {
        assertThat(rule.defers(status(127_286, now.minusSeconds(30), now.minusMillis(100)), now))
                .isTrue();
        // an import's first batches: 1,000 cases in a second
        assertThat(rule.defers(status(1_000, now.minusSeconds(1), now.minusMillis(100)), now))
                .isTrue();
        // settled: nothing queued for 2 s
        assertThat(rule.defers(status(127_286, now.minusSeconds(30), now.minusSeconds(3)), now))
                .isFalse();
        // small
        assertThat(rule.defers(status(999, now.minusSeconds(1), now.minusMillis(100)), now))
                .isFalse();
        // growing, but slower than an import: 10,000 cases over 250 s is 40 a second, under 50
        assertThat(rule.defers(status(10_000, now.minusSeconds(250), now.minusMillis(100)), now))
                .isFalse();
        assertThat(rule.defers(status(12_500, now.minusSeconds(250), now.minusMillis(100)), now))
                .isTrue();
        // growing for more than 5 minutes: folded meanwhile
        assertThat(rule.defers(status(900_000, now.minusSeconds(301), now.minusMillis(100)), now))
                .isFalse();
        assertThat(rule.defers(status(0, null, null), now)).isFalse();
    }

    private static AggregateStore.Status status(long pending, Instant oldest, Instant newest) {
        return new AggregateStore.Status(pending, oldest, newest, null, null, null, 0);
    }
}

package org.kaers.statistics;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far the statistics aggregates are behind the case rows. */
@Schema(name = "AggregateStatus", description = "State of the statistics aggregates.")
public record AggregateStatus(
        @Schema(description = "Changed cases queued and not yet folded into the aggregates.", examples = "0") long pendingCases,
        @Schema(description = "Seconds the oldest pending change has waited.", examples = "0") long lagSeconds,
        @Schema(description = "Every change queued up to this time is in the aggregates.") Instant appliedThrough,
        @Schema(description = "When the worker last folded changes in.") Instant appliedAt,
        @Schema(description = "When the aggregates were last rebuilt from the raw rows.") Instant rebuiltAt,
        @Schema(description = "Queue entries this request folded in (catch-up only).", examples = "12") Long folded) {

    static AggregateStatus of(AggregateStore.Status s, Long folded) {
        return new AggregateStatus(s.pendingCases(), s.lagSeconds(), s.appliedThrough(), s.appliedAt(), s.rebuiltAt(),
                folded);
    }
}

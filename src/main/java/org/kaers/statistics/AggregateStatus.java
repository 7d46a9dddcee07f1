package org.kaers.statistics;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.statistics.aggregates.AggregateStore;

/** How far the statistics aggregates are behind the case rows. */
@Schema(name = "AggregateStatus", description = "State of the statistics aggregates.")
public record AggregateStatus(
        @Schema(
                description = "Changed cases queued and not yet folded into the aggregates (null for callers with "
                        + "protected counts, who read a frozen release).",
                examples = "0")
        Long pendingCases,

        @Schema(
                description = "Seconds the oldest pending change has waited (null for callers with protected counts).",
                examples = "0")
        Long lagSeconds,

        @Schema(
                description = "Every change queued up to this time is in the aggregates (null for callers with "
                        + "protected counts).")
        Instant appliedThrough,

        @Schema(description = "When the worker last folded changes in (null for callers with protected counts).")
        Instant appliedAt,

        @Schema(description = "When the aggregates were last rebuilt from the raw rows.")
        Instant rebuiltAt,

        @Schema(description = "Queue entries this request folded in (catch-up only).", examples = "12")
        Long folded) {

    static AggregateStatus of(
            AggregateStore.Status s, Long folded, org.kaers.statistics.disclosure.Disclosure disclosure) {
        return new AggregateStatus(
                disclosure.operational(s.pendingCases()),
                disclosure.operational(s.lagSeconds()),
                disclosure.operational(s.appliedThrough()),
                disclosure.operational(s.appliedAt()),
                s.rebuiltAt(),
                folded);
    }
}

package org.kaers.statistics;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.statistics.disclosure.Disclosure;

/** A statistics release as shown to the caller. */
@Schema(
        name = "StatsRelease",
        description = "A frozen release of the statistics: researchers' numbers all come from "
                + "the latest one; reviewers and administrators read the live aggregates.")
public record ReleaseView(
        @Schema(description = "The release's id (increases with every release).", examples = "42")
        long id,

        @Schema(
                description = "When it was cut: it holds every case change committed before.",
                examples = "2026-12-01T03:00:00Z")
        Instant cutAt,

        @Schema(description = "The version of the aggregates it was cut from.", examples = "1873")
        long dataVersion,

        @Schema(
                description = "Counted cases (exact; null for callers with protected counts, whose total is the "
                        + "released all-cases cell of GET /stats/counts).",
                examples = "20412")
        Long cases,

        @Schema(description = "Cells copied (exact; null for callers with protected counts).", examples = "151234")
        Long cells) {

    static ReleaseView of(ReleaseStore.Info info, Disclosure disclosure) {
        return new ReleaseView(
                info.id(),
                info.cutAt(),
                info.dataVersion(),
                disclosure.operational(info.cases()),
                disclosure.operational(info.cells()));
    }

    /** The stamp of a response answered from this release. */
    @Schema(
            name = "StatsReleaseStamp",
            description = "The release a response was answered from (null: the live "
                    + "aggregates, for reviewers and administrators).")
    public record Stamp(
            @Schema(description = "Release id.", examples = "42")
            long id,

            @Schema(description = "When it was cut.", examples = "2026-12-01T03:00:00Z")
            Instant cutAt,

            @Schema(description = "The version of the aggregates it was cut from.", examples = "1873")
            long dataVersion) {

        static Stamp of(ReleaseStore.Info info) {
            return new Stamp(info.id(), info.cutAt(), info.dataVersion());
        }
    }
}

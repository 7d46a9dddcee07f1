package org.kaers.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.statistics.model.ReadSource;

/** Case counts grouped by one or two dimensions. */
@Schema(name = "CountResponse", description = "Case counts by one or two dimensions, with how they were counted.")
public record CountResponse(Meta meta, List<Group> results, List<Missing> missing) {

    @Schema(name = "StatsMeta", description = "How the numbers were counted and what they cover.")
    public record Meta(
            @Schema(description = "Spontaneous reports cannot show causation or incidence.")
            String disclaimer,

            @Schema(description = "The counting rule.") String countingRule,

            @Schema(description = "When the data last changed (latest receipt, follow-up or nullification).")
            Instant lastUpdated,

            @Schema(description = "The dimensions counted by.", examples = "[\"substance\", \"symptom\"]")
            List<String> by,

            @Schema(description = "The filters as understood.")
            Map<String, Object> filters,

            @Schema(
                    description = "Cases matching the filters (released value: a cell of its own, so the groups need "
                            + "not add up to it).",
                    examples = "1534")
            Long totalCases,

            @Schema(description = "Always false: totals are perturbed, not suppressed (kept for compatibility).")
            boolean totalCasesSuppressed,

            @Schema(description = "Counts from 1 up to this are never released (0: exact counts).", examples = "5")
            int smallCellThreshold,

            @Schema(
                    description = "Groups listed over all pages (groups released as 0 are not listed).",
                    examples = "87")
            long groups,

            int page,
            int size,

            @Schema(
                    description = "AGGREGATES: read from the counts maintained as cases arrive; RAW_ROWS: counted from "
                            + "the case rows for this request (filter combinations the aggregates do not hold).")
            Source answeredFrom,

            @Schema(
                    description = "Changed cases not yet folded into the aggregates (0 when answered from raw rows; "
                            + "null for callers reading a frozen release).",
                    examples = "0")
            Long pendingCases,

            @Schema(
                    description = "How long the oldest pending change has waited, in seconds: how far the aggregates "
                            + "are behind (normally under a few seconds; 0 when answered from raw rows; null for callers "
                            + "reading a frozen release).",
                    examples = "0")
            Long lagSeconds,

            @Schema(description = "How every number of the response was protected (method, threshold, noise scale).")
            org.kaers.statistics.model.Protection protection,

            @Schema(
                    description = "The frozen release every number of the response comes from (researchers); null "
                            + "for reviewers and administrators, who read the live aggregates.")
            ReleaseView.Stamp release,

            @Schema(
                    description =
                            "Which database answered (the primary or the streaming replica) and the replica's lag; "
                                    + "null for callers reading a frozen release.")
            ReadSource readSource) {}

    /** Where numbers came from. */
    public enum Source {
        AGGREGATES,
        RAW_ROWS
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "CountGroup",
            description = "One group: its keys (and labels), and its case count unless suppressed.")
    public record Group(
            @Schema(examples = "[\"KRATOM\", \"KT0015\"]") List<String> keys,

            @Schema(
                    description = "Readable names of keys that are codes or ids (null otherwise).",
                    examples = "[null, \"Seizure\"]")
            List<String> labels,

            @Schema(description = "Cases (released value; exact for reviewers and administrators).", examples = "42")
            Long count,

            @Schema(description = "Always false: cells are perturbed, not suppressed (kept for compatibility).")
            boolean suppressed) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "CountMissing", description = "Cases in scope with no value for a dimension.")
    public record Missing(
            @Schema(examples = "ageGroup") String dimension,

            @Schema(description = "Cases (released value: a cell of its own).", examples = "12")
            Long count,

            boolean suppressed) {}
}

package org.kaers.signals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API shapes of signal detection. */
public final class SignalViews {

    private SignalViews() {}

    @Schema(
            name = "SignalTable",
            description = "Disproportionality of one product, substance, symptom or organ class "
                    + "against each value of another dimension.")
    public record Table(Meta meta, List<Row> results) {}

    @Schema(name = "SignalMeta", description = "What was compared, over which data, and how.")
    public record Meta(
            @Schema(description = "Disproportionality is a hypothesis for review, not proof of causation.")
            String caution,

            @Schema(description = "The counting rule (as statistics).")
            String countingRule,

            Subject subject,

            @Schema(description = "The dimension each row is a value of.", examples = "symptom")
            String against,

            @Schema(description = "The filters as understood.")
            Map<String, Object> filters,

            @Schema(
                    description = "Version of the aggregated data the counts come from: cite it to reproduce a result.",
                    examples = "1873")
            long dataVersion,

            @Schema(description = "Changes queued up to this time are in that data.")
            Instant dataAsOf,

            @Schema(
                    description = "AGGREGATES, or RAW_ROWS when filters needed a recount from the case rows (then the "
                            + "data may be newer than dataVersion).",
                    examples = "AGGREGATES")
            String answeredFrom,

            @Schema(description = "The EBGM prior used; absent when none could be fitted (EBGM is then absent too).")
            PriorView prior,

            @Schema(description = "Cases with the subject (a + b; released value).", examples = "1534")
            Long subjectCases,

            boolean subjectCasesSuppressed,

            @Schema(description = "All cases matching the filters (N; released value).", examples = "20412")
            long totalCases,

            @Schema(description = "Counts from 1 up to this are never released (0: exact counts).", examples = "5")
            int smallCellThreshold,

            @Schema(description = "Rows with fewer cases (released a) are left out.", examples = "3")
            int minCases,

            @Schema(examples = "eb05") String sort,

            @Schema(description = "Rows over all pages.", examples = "87")
            long rows,

            int page,
            int size,

            @Schema(
                    description =
                            "How the counts were protected. CELL_KEY: a, a+b (subjectCases), a+c and N (totalCases) "
                                    + "are the released values of those cells, as GET /stats/counts gives them; b, c and d follow from "
                                    + "them; every measure is computed from these protected counts.")
            org.kaers.statistics.model.Protection protection,

            @Schema(
                    description =
                            "Which database answered (the primary or the streaming replica) and the replica's lag; "
                                    + "null for researchers.")
            org.kaers.statistics.model.ReadSource readSource) {}

    @Schema(name = "SignalSubject", description = "What is compared against everything else.")
    public record Subject(
            @Schema(examples = "substance") String dimension,
            @Schema(examples = "KRATOM") String key,
            @Schema(examples = "Kratom") String label) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "SignalRow",
            description = "One 2x2 table and its measures; every number null when suppressed, and "
                    + "a measure null when the table does not define it (a zero divisor).")
    public record Row(
            @Schema(examples = "KT0031") String key,
            @Schema(examples = "Seizure") String label,
            boolean suppressed,

            @Schema(description = "Cases with both.", examples = "42")
            Long a,

            @Schema(description = "Cases with the subject, without this value.", examples = "1492")
            Long b,

            @Schema(description = "Cases with this value, without the subject.", examples = "311")
            Long c,

            @Schema(description = "Cases with neither.", examples = "18567")
            Long d,

            @Schema(description = "Expected a: (a+b)(a+c)/N.", examples = "26.3")
            Double expected,

            Measure prr,

            @Schema(description = "Chi-square with Yates' correction.", examples = "9.1")
            Double chiSquare,

            Measure ror,

            @Schema(description = "Information component (log2) with IC025 and IC975.")
            Measure ic,

            @Schema(description = "EBGM with EB05 and EB95.")
            Measure ebgm,

            Flags signals) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SignalMeasure", description = "A measure with its 95% interval (EBGM: EB05 and EB95).")
    public record Measure(
            @Schema(examples = "1.6") Double value,
            @Schema(examples = "1.18") Double lower,
            @Schema(examples = "2.17") Double upper) {}

    @Schema(name = "SignalFlags", description = "Which screening rules the row meets.")
    public record Flags(
            @Schema(description = "Evans: a >= 3, PRR >= 2, chi-square >= 4.")
            boolean evans,

            @Schema(description = "ROR lower bound > 1 with a >= 3.")
            boolean ror,

            @Schema(description = "IC025 > 0.") boolean ic,
            @Schema(description = "EB05 >= 2.") boolean ebgm) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "EbgmPrior",
            description = "Hyperparameters of the gamma-Poisson shrinker at one level, and fit "
                    + "diagnostics. Without hyperparameters (fitted false) no prior could be fitted (warnings say why) and "
                    + "EBGM is null.")
    public record PriorView(
            long id,

            @Schema(
                    description = "symptom: canonical product x coded symptom; verbatim: product name as reported x "
                            + "reaction term as reported (FDA's MedDRA preferred term for imported data).",
                    enumeration = {"symptom", "verbatim"},
                    examples = "verbatim")
            String level,

            Instant fittedAt,

            @Schema(description = "Data version the fit came from.")
            long dataVersion,

            @Schema(description = "Counted cases at the fit (exact; null for callers with protected counts).")
            Long totalCases,

            @Schema(
                    description =
                            "Product x reaction cells with N >= 1 (exact; null for callers with protected counts).",
                    examples = "17189")
            Integer cells,

            @Schema(
                    description = "Weighted points fitted (cells with the same N and E are one point).",
                    examples = "1723")
            int points,

            @Schema(description = "Whether hyperparameters were fitted (EBGM is computed only then).")
            boolean fitted,

            @Schema(examples = "3.2537") Double alpha1,
            @Schema(examples = "0.3999") Double beta1,
            @Schema(examples = "2.0261") Double alpha2,
            @Schema(examples = "1.9081") Double beta2,

            @Schema(description = "Weight of the first gamma.", examples = "0.0653")
            Double p,

            Double logLikelihood,
            @Schema(description = "Starting points tried.") int starts,

            @Schema(description = "Starting points that converged.")
            int startsConverged,

            @Schema(
                    description = "The fit can be trusted: at least two starting points reached the same maximum, no "
                            + "parameter ended on a bound, no component is degenerate, enough cells.")
            boolean converged,

            @Schema(
                    description = "What is wrong with the fit, if anything (empty for a good fit).",
                    examples =
                            "[\"too little data: 6 product x reaction cells with N >= 1, a prior needs at least 100; "
                                    + "EBGM is not computed\"]")
            List<String> warnings,

            long evaluations,
            long durationMs,

            @Schema(description = "Why it was fitted.", examples = "on request")
            String reason) {

        /** The view for a caller with protected counts: the exact figures of the live data at the fit withheld. */
        PriorView withheld() {
            return new PriorView(
                    id,
                    level,
                    fittedAt,
                    dataVersion,
                    null,
                    null,
                    points,
                    fitted,
                    alpha1,
                    beta1,
                    alpha2,
                    beta2,
                    p,
                    logLikelihood,
                    starts,
                    startsConverged,
                    converged,
                    warnings,
                    evaluations,
                    durationMs,
                    reason);
        }
    }
}

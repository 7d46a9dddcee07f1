package org.kaers.causality.model;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A RUCAM 2016 assessment of one product x reaction on one version of a case. */
@Schema(
        name = "RucamResult",
        description =
                "RUCAM 2016: the scale, every item with its answer, points and where the answer came from, and the total once every item is answered.")
public record RucamResult(
        @Schema(description = "Always RUCAM_2016 (the pre-2016 version differs in item 5).", examples = "RUCAM_2016")
        String method,

        @Schema(description = "The case version the items were computed on.", examples = "2")
        int caseVersion,

        @Schema(
                description =
                        "False when the case's labs show neither ALT >= 5 x ULN nor ALP >= 2 x ULN; then nothing is scored.",
                examples = "true")
        boolean applicable,

        @Schema(
                description =
                        "The R ratio at onset: (ALT/ULN)/(ALP/ULN) on the earliest date both were measured, else of the peaks.",
                examples = "10.417")
        BigDecimal rRatioAtOnset,

        RucamScale scale,

        @Schema(description = "Where the scale came from: R_RATIO or REVIEWER.", examples = "R_RATIO")
        String scaleSource,

        @Schema(description = "Every item of the scale, answered or not, in RUCAM order.")
        List<Item> items,

        @Schema(description = "Items neither the case nor the reviewer answers; the score waits for them.")
        List<RucamItem> itemsToAnswer,

        @Schema(
                description =
                        "The total; absent until every item is answered, and when the timing excludes the product.",
                examples = "8")
        Integer score,

        @Schema(description = "EXCLUDED when the score is <= 0 or the time to onset rules the product out.")
        RucamBand band) {

    /** One item: its answer (absent while unanswered), its points, who answered and why. */
    @Schema(name = "RucamItemResult", description = "One RUCAM item.")
    public record Item(
            RucamItem item,
            RucamAnswer answer,
            @Schema(examples = "2") Integer points,

            @Schema(
                    description =
                            "CASE (computed from the case), REVIEWER (answered by the assessor) or absent while unanswered.",
                    examples = "CASE")
            String source,

            @Schema(
                    description = "How the case gave the answer, or what is missing.",
                    examples = "onset 35 days after the start")
            String basis) {}
}

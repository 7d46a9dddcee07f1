package org.kaers.causality.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.causality.Naranjo;

/** A reviewer's assessment of one suspect product x reaction of the case's latest version: at least one method. */
@Schema(
        name = "CausalityAssessmentRequest",
        description =
                "Causality of one SUSPECT or INTERACTING product x one reaction of the latest case version: a WHO-UMC category, Naranjo answers and/or RUCAM answers (at least one).")
public record CausalityRequest(
        @NotNull @Min(0) @Max(49) @Schema(description = "Position of the product in report.products.", examples = "0")
        Integer productIndex,

        @NotNull @Min(0) @Max(99) @Schema(description = "Position of the reaction in report.reactions.", examples = "0")
        Integer reactionIndex,

        @Schema(description = "WHO-UMC category.", examples = "PROBABLE")
        WhoUmcCategory whoUmc,

        @Valid @Schema(description = "All ten Naranjo answers; the server scores them.")
        Naranjo naranjo,

        @Valid @Schema(description = "RUCAM 2016 for liver injury: the answers the case cannot give.")
        RucamInput rucam,

        @Size(max = 2000)
        @Schema(description = "The assessor's reasoning.", examples = "Temporal association; viral serology negative.")
        String comment) {

    /** The reviewer's part of a RUCAM assessment. */
    @Schema(
            name = "RucamAnswers",
            description =
                    "RUCAM answers by item. Items the case answers may be left out (the case's answer is used); an answer given overrides the case's.")
    public record RucamInput(
            @Schema(description = "Only when the labs give no R ratio at onset; otherwise the R ratio chooses.")
            RucamScale scale,

            @Size(max = 9)
            @Schema(
                    description = "Item -> answer; each answer must be one of its item's.",
                    examples = "{\"ALTERNATIVE_CAUSES\": \"ALTERNATIVES_ALL_RULED_OUT\", \"ALCOHOL\": \"ALCOHOL_NO\"}")
            Map<RucamItem, RucamAnswer> answers) {}
}

package org.kaers.causality;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.causality.model.NaranjoAnswer;
import org.kaers.causality.model.NaranjoBand;

/**
 * The Naranjo adverse drug reaction probability scale (Naranjo et al., 1981): ten questions answered yes,
 * no or don't know. The weights (yes / no / don't know) are the published ones; the score is their sum
 * (-4 to 13) and the band follows {@link NaranjoBand}.
 */
@Schema(name = "NaranjoAnswers", description = "The ten Naranjo questions, each YES, NO or DONT_KNOW.")
public record Naranjo(
        @NotNull @Schema(description = "1. Are there previous conclusive reports on this reaction? (+1/0/0)")
        NaranjoAnswer previousConclusiveReports,

        @NotNull @Schema(description = "2. Did the event appear after the product was given? (+2/-1/0)")
        NaranjoAnswer appearedAfterProduct,

        @NotNull
        @Schema(description = "3. Did it improve when the product was stopped or an antagonist given? (+1/0/0)")
        NaranjoAnswer improvedOnStopOrAntagonist,

        @NotNull @Schema(description = "4. Did it reappear when the product was given again? (+2/-1/0)")
        NaranjoAnswer reappearedOnReadministration,

        @NotNull
        @Schema(description = "5. Are there alternative causes that could on their own have caused it? (-1/+2/0)")
        NaranjoAnswer alternativeCauses,

        @NotNull @Schema(description = "6. Did it reappear when a placebo was given? (-1/+1/0)")
        NaranjoAnswer reactionToPlacebo,

        @NotNull
        @Schema(description = "7. Was the product detected in blood or other fluids in toxic concentrations? (+1/0/0)")
        NaranjoAnswer toxicConcentration,

        @NotNull
        @Schema(description = "8. Was it more severe with a higher dose, or less severe with a lower one? (+1/0/0)")
        NaranjoAnswer doseRelated,

        @NotNull
        @Schema(
                description =
                        "9. Did the patient have a similar reaction to the same or similar products before? (+1/0/0)")
        NaranjoAnswer similarReactionBefore,

        @NotNull @Schema(description = "10. Was the event confirmed by any objective evidence? (+1/0/0)")
        NaranjoAnswer objectiveEvidence) {

    /** Points for yes, no and don't know, per question in order. */
    private static final int[][] WEIGHTS = {
        {1, 0, 0}, {2, -1, 0}, {1, 0, 0}, {2, -1, 0}, {-1, 2, 0},
        {-1, 1, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}
    };

    List<NaranjoAnswer> inOrder() {
        return List.of(
                previousConclusiveReports,
                appearedAfterProduct,
                improvedOnStopOrAntagonist,
                reappearedOnReadministration,
                alternativeCauses,
                reactionToPlacebo,
                toxicConcentration,
                doseRelated,
                similarReactionBefore,
                objectiveEvidence);
    }

    /** The total score, -4 to 13. */
    int score() {
        List<NaranjoAnswer> answers = inOrder();
        int score = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            int[] w = WEIGHTS[i];
            score += switch (answers.get(i)) {
                case YES -> w[0];
                case NO -> w[1];
                case DONT_KNOW -> w[2];
            };
        }
        return score;
    }

    NaranjoBand band() {
        return NaranjoBand.of(score());
    }
}

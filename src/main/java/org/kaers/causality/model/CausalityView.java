package org.kaers.causality.model;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.causality.Naranjo;

/** One version of a causality assessment as read back, with what has changed in the case since. */
@Schema(name = "CausalityAssessment", description = "One version of a causality assessment of a product x reaction.")
public record CausalityView(
        @Schema(description = "Id of this assessment version.", examples = "101")
        long id,

        @Schema(examples = "KAE-2026-000123") String caseNumber,
        @Schema(examples = "0") int productIndex,
        @Schema(examples = "Maeng Da Kratom Powder") String productName,
        @Schema(examples = "0") int reactionIndex,
        @Schema(examples = "yellow skin and itching") String reactionVerbatim,

        @Schema(description = "Version of the assessment of this product x reaction, from 1.", examples = "1")
        int version,

        @Schema(description = "True for the latest version of this product x reaction.", examples = "true")
        boolean current,

        @Schema(description = "Who assessed (token subject).", examples = "reviewer@centre.example")
        String assessor,

        Instant assessedAt,

        @Schema(description = "The case version the assessment was made on.", examples = "1")
        int caseVersion,

        @Schema(description = "The case's latest version now.", examples = "2")
        int latestCaseVersion,

        @Schema(description = "True when follow-ups were added since the assessment.", examples = "false")
        boolean caseChangedSince,

        @Schema(
                description =
                        "False when the latest version no longer has this product or reaction at these positions.",
                examples = "true")
        boolean pairInLatestVersion,

        WhoUmcCategory whoUmc,
        NaranjoResult naranjo,

        @Schema(description = "RUCAM as computed on caseVersion.")
        RucamResult rucam,

        @Schema(
                description =
                        "RUCAM recomputed on the latest case version with the same reviewer answers; present when the case changed since.")
        RucamResult rucamOnLatestVersion,

        @Schema(description = "The assessor's comment.", examples = "Onset 35 days after the start; serology negative.")
        String comment) {

    /** The Naranjo answers with their score and band. */
    @Schema(name = "NaranjoResult", description = "Naranjo answers, score (-4 to 13) and band.")
    public record NaranjoResult(
            Naranjo answers, @Schema(examples = "7") int score, NaranjoBand band) {}
}

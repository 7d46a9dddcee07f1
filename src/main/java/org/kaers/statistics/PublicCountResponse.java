package org.kaers.statistics;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A public table: one coarse dimension of the latest release, rounded and suppressed. */
@Schema(
        name = "PublicCounts",
        description = "Cases of the latest statistics release by one coarse dimension, for "
                + "anyone: every count is the researcher's released value of the same cell rounded to a multiple of 10, and "
                + "values the researcher gets below 10 are not listed.")
public record PublicCountResponse(
        @Schema(description = "The dimension counted by.", examples = "organClass")
        String by,

        @Schema(description = "Values with a public count, largest first, then by key.")
        List<Group> results,

        @Schema(description = "All cases of the release, rounded the same way (null below 10).", examples = "20410")
        Long totalCases,

        Meta meta) {

    static final String RULE = "Each count is the value researchers get for the same cases of the same release (cell "
            + "key method), rounded to the nearest multiple of 10; a value researchers get below 10 is not listed, "
            + "like a value no case has. A case may count in several values of a dimension (organClass, criterion, "
            + "substance), so values need not add up to the total.";

    @Schema(name = "PublicCountGroup", description = "One value and its public count.")
    public record Group(
            @Schema(examples = "GASTROINTESTINAL") String key,

            @Schema(
                    description = "Readable name of a code (null when the key is readable).",
                    examples = "Gastrointestinal disorders")
            String label,

            @Schema(description = "A multiple of 10, at least 10.", examples = "1230")
            long count) {}

    @Schema(name = "PublicCountMeta", description = "Which release, and how its numbers were protected.")
    public record Meta(
            ReleaseView.Stamp release,

            @Schema(description = "Counts are multiples of this.", examples = "10")
            long roundingBase,

            @Schema(description = "Values researchers get below this are not listed.", examples = "10")
            long minimum,

            @Schema(description = "The rule, in words.") String protection,

            @Schema(description = "What spontaneous reports can and cannot show.")
            String caution) {}
}

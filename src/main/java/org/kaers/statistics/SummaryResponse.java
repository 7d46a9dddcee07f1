package org.kaers.statistics;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product's or substance's profile: cases, serious share, top symptoms, outcomes, age and sex mix. */
@Schema(
        name = "SummaryResponse",
        description = "Profile of the cases of a product or substance (and any other filters).")
public record SummaryResponse(
        CountResponse.Meta meta,

        @Schema(description = "Serious cases; absent when suppressed.", examples = "812")
        Long seriousCases,

        @Schema(
                description = "Serious cases / cases, 3 decimals; absent when either is suppressed.",
                examples = "0.529")
        BigDecimal seriousShare,

        @Schema(description = "The 10 most reported coded symptoms.")
        Section topSymptoms,

        Section outcomes,
        Section seriousnessCriteria,
        Section ageGroups,
        Section sexes) {

    @Schema(name = "SummarySection", description = "Counts by one dimension, with the cases that lack it.")
    public record Section(List<CountResponse.Group> results, CountResponse.Missing missing) {}
}

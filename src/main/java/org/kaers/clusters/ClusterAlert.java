package org.kaers.clusters;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One alert with the cases behind it. */
@Schema(
        name = "ClusterAlert",
        description =
                "A cluster of cases: serious cases sharing a lot or vendor in the window, or a product's week above its historical limit.")
public record ClusterAlert(
        @Schema(description = "LOT, VENDOR or PRODUCT_WEEK.", examples = "LOT")
        String kind,

        @Schema(description = "The normalised lot or vendor, or the canonical product name.", examples = "7L0925")
        String key,

        @Schema(examples = "2026-10-06") LocalDate from,
        @Schema(examples = "2026-11-04") LocalDate to,

        @Schema(description = "Cases in the cluster (for PRODUCT_WEEK: in the week).", examples = "4")
        int cases,

        @Schema(description = "PRODUCT_WEEK only: mean weekly count over the baseline weeks.", examples = "0.375")
        Double baselineMean,

        @Schema(
                description = "PRODUCT_WEEK only: the limit the week exceeded (mean + 3 sd, sd at least 0.5).",
                examples = "2.35")
        Double limit,

        @Schema(description = "The case numbers behind the alert.")
        List<String> caseNumbers) {}

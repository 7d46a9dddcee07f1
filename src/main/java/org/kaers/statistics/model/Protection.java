package org.kaers.statistics.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the numbers of a response were protected, for its {@code meta} block. */
@Schema(name = "Protection", description = "Disclosure control applied to every number of the response.")
public record Protection(
        @Schema(
                description = "CELL_KEY: every count (cells, margins, totals, missing counts) is perturbed by the cell "
                        + "key method; NONE: exact counts (reviewers and administrators).",
                examples = "CELL_KEY")
        String method,

        @Schema(
                description =
                        "Counts from 1 up to this are never released: they become 0 (not listed) or threshold + 1 to + 3.",
                examples = "5")
        int smallCellThreshold,

        @Schema(description = "Standard deviation of the noise added to counts above the threshold.", examples = "1.58")
        double noiseStandardDeviation,

        @Schema(description = "Largest noise added to a count above the threshold (plus or minus).", examples = "3")
        int maxNoise,

        @Schema(
                description = "Free-text values (verbatims, reported product names, names of uncurated products) are "
                        + "shown only when they occur in at least this many cases.",
                examples = "6")
        long freeTextMinimumCases,

        @Schema(description = "Where the perturbation table is published.", examples = "/api/v1/stats/protection")
        String table,

        @Schema(description = "What the method guarantees.") String note) {

    public static final String TABLE = "/api/v1/stats/protection";

    public static final String CELL_KEY_NOTE =
            "Each count is looked up in a published perturbation table by its true value and "
                    + "the key of its set of cases (the sum of permanent random case keys, never released): the same cases always "
                    + "give the same number in every request, so repeating, re-wording or averaging requests gains nothing, and "
                    + "no combination of released numbers gives a count from 1 to the threshold exactly. Totals and margins are "
                    + "perturbed as cells of their own, so cells need not add up to them. Cells released as 0 are not listed.";

    public static final String EXACT_NOTE = "Exact counts: the caller may read every case.";
}

package org.kaers.imports;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an import did: counts, and every row or report left out with its reason. */
@Schema(name = "ImportSummary", description = "What an import read, stored and left out, and why.")
public record ImportSummary(
        @Schema(description = "Data rows read (the header excluded).", examples = "3")
        long rows,

        @Schema(description = "Distinct report numbers read.", examples = "2")
        int reports,

        @Schema(description = "Reports stored as new cases.", examples = "1")
        int imported,

        @Schema(description = "Reports already stored with the same content (left unchanged).", examples = "0")
        int alreadyPresent,

        @Schema(description = "Rows or reports left out (each listed in problems).", examples = "1")
        int skipped,

        @Schema(description = "Why rows or reports were left out (at most 1000 listed).")
        List<Skip> problems,

        @Schema(
                description = "Reports already stored with other content: a FOLLOW_UP version was added.",
                examples = "0")
        int updated,

        @Schema(description = "Data-quality problems listed with the stored cases (kept as reported).", examples = "0")
        long dataQualityProblems,

        @Schema(description = "The layout recognised from the header.", examples = "CAERS_2004_2017")
        String layout,

        @Schema(description = "The job that ran the import (GET /api/v1/imports/{id}).")
        UUID job) {

    /** A row or report left out. */
    @Schema(name = "ImportSkip", description = "A row or report left out, by line number and report number.")
    public record Skip(
            @Schema(description = "Line in the file (1 is the header); absent for a whole report.", examples = "3")
            Long line,

            @Schema(examples = "2017-CFS-001234") String reportNumber,

            @Schema(examples = "date 'yesterday' is not M/D/YYYY")
            String reason) {}
}

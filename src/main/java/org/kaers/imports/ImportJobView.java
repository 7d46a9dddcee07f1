package org.kaers.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import job as {@code GET /api/v1/imports/{id}} shows it. */
@Schema(name = "ImportJob", description = "An import of a public data file: its state, progress and what it left out.")
public record ImportJobView(
        @Schema(examples = "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77")
        UUID id,

        State state,

        @Schema(
                description = "The layout recognised from the header: CAERS_2004_2017, CAERS_2020_2025 or HFCS_2026.",
                examples = "CAERS_2004_2017")
        String layout,

        @Schema(description = "Who started the import (token subject).", examples = "admin@fda-data.example")
        String createdBy,

        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,

        @Schema(description = "Size of the uploaded file.", examples = "19046541")
        Long bytes,

        @Schema(description = "Data rows in the file (known once the first pass has counted them).", examples = "90786")
        Long rowsTotal,

        @Schema(description = "Distinct report numbers in the file.", examples = "64517")
        Long reportsTotal,

        @Schema(description = "Rows read and handled so far.", examples = "45200")
        long rowsRead,

        @Schema(description = "Reports read and handled so far.", examples = "32100")
        long reportsRead,

        @Schema(description = "Reports stored as new cases.", examples = "32000")
        long reportsStored,

        @Schema(description = "Reports already stored with the same content: left alone.", examples = "0")
        long reportsUnchanged,

        @Schema(
                description = "Reports already stored with other content: a FOLLOW_UP version was added.",
                examples = "12")
        long reportsUpdated,

        @Schema(description = "Reports left out (a row that cannot be read, no date, no reaction).", examples = "3")
        long reportsRejected,

        @Schema(description = "Rows that cannot be read (wrong field count, no report number).", examples = "1")
        long rowsRejected,

        @Schema(
                description = "Data-quality problems listed with the stored cases (values kept as reported that break "
                        + "a rule for submissions, such as an age over 130 years or no suspect product).",
                examples = "47")
        long dataQualityProblems,

        @Schema(description = "Report number of the last report stored.", examples = "2017-CFS-001234")
        String lastReport,

        @Schema(description = "Whether cancellation was asked for.")
        boolean cancelRequested,

        @Schema(description = "Rows handled per second since the job started.", examples = "3150.5")
        Double rowsPerSecond,

        @Schema(description = "Seconds left at the current rate, while running.", examples = "14")
        Long estimatedSecondsLeft,

        @Schema(description = "Why a job failed or was interrupted, and where it stopped.")
        String detail,

        @Schema(description = "Rows and reports left out, with reasons (at most 1000 listed).")
        List<ImportSummary.Skip> problems,

        @Schema(description = "How often the job was resumed after an interruption or a failure.", examples = "0")
        int resumed) {

    /** The life of a job. */
    @Schema(
            name = "ImportJobState",
            description = "QUEUED, RUNNING, then SUCCEEDED, FAILED, CANCELLED, or INTERRUPTED "
                    + "(the service stopped while it ran). An INTERRUPTED or FAILED job continues where it stopped with "
                    + "POST /api/v1/imports/{id}/resume; posting the file again also stores nothing twice.")
    public enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED,
        INTERRUPTED
    }
}

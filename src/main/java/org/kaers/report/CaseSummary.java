package org.kaers.report;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;

/** One line of the case list (latest version). */
@Schema(name = "CaseSummary", description = "One case in a list, at its latest version.")
public record CaseSummary(
        @Schema(examples = "KAE-2026-000123") String caseNumber,
        @Schema(examples = "2") int latestVersion,
        CaseStatus status,
        CaseSource source,
        Instant receivedAt,

        @Schema(description = "When the latest version was received.")
        Instant updatedAt,

        boolean serious,
        List<SeriousnessCriterion> seriousnessCriteria,
        ReporterQualification reporterQualification,
        @Schema(examples = "US") String reporterCountry,
        AgeGroup ageGroup,
        Sex sex,

        @Schema(description = "Names of the SUSPECT and INTERACTING products as reported.")
        List<String> suspectProducts,

        @Schema(description = "Reactions as reported.") List<String> reactions) {}

package org.kaers.report.model;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.report.VersionType;
import org.kaers.vocabulary.CodingLookup;

/** A case at one version, as returned to the clinician: the report as submitted plus the server's fields. */
@Schema(
        name = "CaseReportView",
        description = "A case at one version: the server's fields, the derived fields and the report as submitted.")
public record CaseReportView(
        @Schema(description = "Case number: unique, never reused, never changes.", examples = "KAE-2026-000123")
        String caseNumber,

        @Schema(description = "The version shown.", examples = "1")
        int version,

        VersionType versionType,

        @Schema(description = "The latest version of the case.", examples = "1")
        int latestVersion,

        CaseStatus status,
        CaseSource source,

        @Schema(description = "When the case was first received.")
        Instant receivedAt,

        @Schema(description = "When this version was received.")
        Instant versionReceivedAt,

        @Schema(description = "Present when the case is nullified.")
        Nullification nullification,

        Derived derived,

        @Schema(description = "The report exactly as submitted for this version.")
        CaseReportRequest report) {

    /** Why and when a case was voided. */
    @Schema(name = "Nullification", description = "Why and when the case was nullified.")
    public record Nullification(
            NullificationReason reason,
            String comment,

            @Schema(description = "The surviving case when this one was a duplicate.", examples = "KAE-2026-000042")
            String duplicateOf,

            Instant nullifiedAt) {}

    /** Server-derived fields. */
    @Schema(name = "Derived", description = "Fields the server derives from the report.")
    public record Derived(
            @Schema(description = "True when any seriousness criterion is met.")
            boolean serious,

            @Schema(description = "ICH age group, from the age when given, else as reported.")
            AgeGroup ageGroup,

            @Schema(description = "Present when the labs allow any liver assessment.")
            LiverInjury liverInjury,

            @Schema(description = "Per reaction, in the order submitted.")
            List<DerivedReaction> reactions,

            @Schema(description = "Per product, in the order submitted.")
            List<DerivedProduct> products,

            @Schema(
                    description =
                            "Values of an imported report that break a rule for submissions (an age over 130 "
                                    + "years, no suspect product, an outcome the importer does not know): kept as reported, left out "
                                    + "of the derived fields they would distort. Absent for submitted cases (their rules are enforced).")
            List<DataQualityProblem> dataQuality) {}

    /** A value kept as the source reported it although it breaks a rule for submissions. */
    @Schema(
            name = "DataQualityProblem",
            description = "A value kept as the source reported it although it breaks a rule.")
    public record DataQualityProblem(
            @Schema(examples = "patient.age.value") String field,

            @Schema(examples = "must be at most 130 years (reported: 76 Decade(s))")
            String problem) {}

    /** Derived fields of one reaction. */
    @Schema(name = "DerivedReaction", description = "Derived fields of one reaction.")
    public record DerivedReaction(
            @Schema(description = "Position of the reaction in report.reactions.", examples = "0")
            int index,

            @Schema(examples = "yellow skin and itching") String verbatim,

            @Schema(
                    description =
                            "Days from the first SUSPECT/INTERACTING product start date to onset; absent when a date is missing.",
                    examples = "35")
            Integer timeToOnsetDays,

            @Schema(
                    description =
                            "Days from the last dose (the latest stopDate of the SUSPECT/INTERACTING products) to onset; for a withdrawal this is the time to onset that matters. Negative when the reaction began before the last dose; absent when a date is missing.",
                    examples = "2")
            Integer timeFromLastDoseDays,

            @Schema(
                    description =
                            "Whole hours from exposure.exposureAt to exposure.onsetAt when both carry a time; on the first reaction only.",
                    examples = "1")
            Long exposureToOnsetHours,

            @Schema(description = "The symptom term the verbatim is coded to now.")
            CodingLookup.ReactionCoding coding) {}

    /** Derived fields of one product. */
    @Schema(name = "DerivedProduct", description = "Derived fields of one product.")
    public record DerivedProduct(
            @Schema(description = "Position of the product in report.products.", examples = "0")
            int index,

            @Schema(examples = "Maeng Da Kratom Powder") String name,

            @Schema(description = "The canonical product and substance the name is coded to now.")
            CodingLookup.ProductCoding coding) {}
}
